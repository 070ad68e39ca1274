package org.catalogarr.hoster.api;

import java.net.URI;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns a hoster's embed page into the URL of its video, registered as an OSGi service by a hoster
 * bundle. Catalogue sites name the hoster of every link; the download engine picks the resolver whose
 * {@link #name()} matches that name, ignoring case, so hoster domains may rotate freely.
 */
@ProviderType
public interface HosterResolver {

    /** Service property carrying {@link #name()}, so consumers can tell resolvers apart without calling them. */
    String HOSTER_NAME_PROPERTY = "hoster.name";

    /** The hoster's name as catalogue sites show it, e.g. "Vidoza". */
    String name();

    /**
     * Loads the embed page and finds the media on it.
     *
     * @param embed the embed URL a catalogue site's redirect led to
     * @throws HosterException when the page has no playable media, saying whether the file is gone for good
     */
    MediaSource resolve(URI embed) throws HosterException;
}
