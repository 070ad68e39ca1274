package org.catalogarr.core.store;

import java.util.List;

/**
 * One numbered step of the schema. Steps are applied in order, each in its own transaction, and never
 * edited after release: a change is a new step.
 */
record Migration(int version, String description, List<String> statements) {

    Migration {
        statements = List.copyOf(statements);
    }
}
