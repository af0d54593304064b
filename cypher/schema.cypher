// Parley's schema: one uniqueness constraint on `id` per label, and one full-text index over names, aliases
// and descriptions. Every statement is idempotent (IF NOT EXISTS), so the server applies this file at each start.
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_id IF NOT EXISTS FOR (n:Agency) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meeting_id IF NOT EXISTS FOR (n:Meeting) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT issue_id IF NOT EXISTS FOR (n:Issue) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT place_id IF NOT EXISTS FOR (n:Place) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT snapshot_id IF NOT EXISTS FOR (n:Snapshot) REQUIRE n.id IS UNIQUE;
CREATE INDEX meeting_date IF NOT EXISTS FOR (n:Meeting) ON (n.date);
// `standard-folding` lower-cases and folds accents (é → e), so "Darchiév" finds "Darchiev".
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Person|Agency|Meeting|Issue|Place|Source)
ON EACH [n.name, n.aliases, n.description]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };
// Parley's own records of duplicate review (merges and "not the same" pairs); graph and search queries leave
// them out, as they leave out ParleyMergedAway, the tombstone a merged node becomes until its merge is undone.
CREATE CONSTRAINT parley_merge_id IF NOT EXISTS FOR (n:ParleyMerge) REQUIRE n.id IS UNIQUE;
CREATE INDEX parley_merge_merged_id IF NOT EXISTS FOR (n:ParleyMerge) ON (n.merge);
CREATE CONSTRAINT parley_dismissal_key IF NOT EXISTS FOR (n:ParleyDismissal) REQUIRE n.key IS UNIQUE;
// Imports: the record of each import, and the pre-images of what it changed (both labelled ParleyInternal and
// kept out of the explorer), found by id.
CREATE CONSTRAINT parley_import_id IF NOT EXISTS FOR (n:ParleyImport) REQUIRE n.id IS UNIQUE;
CREATE INDEX parley_preimage_import IF NOT EXISTS FOR (n:ParleyPreImage) ON (n.importId);
CREATE INDEX parley_created_import IF NOT EXISTS FOR (n:ParleyCreated) ON (n.importId);
// Accounts (PARLEY_ACCOUNTS): one ParleyUser node per account, found by name.
CREATE CONSTRAINT parley_user_name IF NOT EXISTS FOR (n:ParleyUser) REQUIRE n.name IS UNIQUE;
