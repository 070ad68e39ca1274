/** Caches bounded in size and time, for what is kept per client request. */
package org.catalogarr.core.cache;
