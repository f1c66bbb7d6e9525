/** The version lists of a revision's hashed text, in the order they are hashed. */
export type RevisionHashSection = 'createdCis' | 'endedCis' | 'createdRelations' | 'endedRelations';

/** What the hash chain reads of one version row: a created one's hash and source, an ended one's start. */
export interface RevisionHashVersion {
  id: string;
  hash: string;
  source: string | null;
  revFrom: number;
}

/** One page of a revision's version rows, read back from the store in id order. */
export interface RevisionHashPage {
  section: RevisionHashSection;
  versions: RevisionHashVersion[];
}
