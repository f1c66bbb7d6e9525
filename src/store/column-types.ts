import type { ColumnType } from 'kysely';

/**
 * Column types shared by every table declaration. JSON columns are `jsonb` on PostgreSQL and text
 * on SQLite: written as JSON text on both, read back as whatever the driver returns (parsed on
 * PostgreSQL, the text on SQLite) and parsed in conversion/. Times are `timestamptz` on PostgreSQL
 * (read back as a Date) and ISO text on SQLite; written as ISO text on both.
 */
export type Json = ColumnType<unknown, string, string>;
export type NullableJson = ColumnType<unknown, string | null, string | null>;
export type Time = ColumnType<Date | string, string, string>;
export type NullableTime = ColumnType<Date | string | null, string | null, string | null>;
