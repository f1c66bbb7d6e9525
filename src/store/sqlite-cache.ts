/**
 * SQLite's page cache for one connection, in KiB (`cache_size = -N`): large enough for a server's
 * reads to stay in memory at a million CIs.
 */
export const SQLITE_CACHE_KIB = 262_144;

/**
 * The cache while a large import writes (CmdbWriter.largeWrite): its pages are written once and
 * seldom read again, and the operating system caches the file anyway, so the process keeps
 * 224 MiB less resident for a few percent of the import's time.
 */
export const SQLITE_LARGE_WRITE_CACHE_KIB = 32_768;
