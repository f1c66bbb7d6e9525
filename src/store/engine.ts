/** The two database engines Cairn stores its data in. */
export type Engine = 'sqlite' | 'postgres';
