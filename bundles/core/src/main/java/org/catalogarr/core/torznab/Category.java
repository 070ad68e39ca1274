package org.catalogarr.core.torznab;

/**
 * A Newznab category.
 *
 * @param id the standard Newznab id
 * @param name the standard name, "Parent/Sub" for a subcategory: Prowlarr maps categories by it
 */
public record Category(int id, String name) {
}
