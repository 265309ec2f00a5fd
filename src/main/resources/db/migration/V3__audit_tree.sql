-- The Merkle tree over audit_entry (RFC 6962): stored subtree hashes for O(log n) proofs, the
-- current tree head, and signed checkpoints.

CREATE TABLE audit_node (
  level  smallint NOT NULL CHECK (level BETWEEN 0 AND 62),
  idx    bigint NOT NULL CHECK (idx >= 0),
  hash   bytea NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, idx)
);
COMMENT ON TABLE audit_node IS 'Hashes of complete subtrees only: written once, when the subtree becomes complete, never updated.';
COMMENT ON COLUMN audit_node.level IS 'Height of the subtree: level L covers 2^L leaves; level 0 is a leaf.';
COMMENT ON COLUMN audit_node.idx IS 'Position among the subtrees of its level: covers leaves [idx * 2^level, (idx + 1) * 2^level).';
COMMENT ON COLUMN audit_node.hash IS 'Level 0: the leaf hash SHA-256(0x00 || entry) as integrated; above: SHA-256(0x01 || left child || right child).';

CREATE TABLE audit_tree_head (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  tree_size   bigint NOT NULL CHECK (tree_size >= 0),
  root_hash   bytea NOT NULL CHECK (length(root_hash) = 32),
  updated_at  timestamptz NOT NULL
);
COMMENT ON TABLE audit_tree_head IS 'The one current tree head; its row lock serialises integration.';
COMMENT ON COLUMN audit_tree_head.tree_size IS 'Number of integrated leaves: leaf_index 0 .. tree_size - 1, gapless.';
COMMENT ON COLUMN audit_tree_head.root_hash IS 'RFC 6962 MTH of the first tree_size leaves; SHA-256 of the empty string when empty.';
INSERT INTO audit_tree_head (tree_size, root_hash, updated_at) VALUES (0, sha256(''::bytea), now());

CREATE TABLE audit_checkpoint (
  id          bigserial PRIMARY KEY,
  tree_size   bigint NOT NULL CHECK (tree_size >= 0),
  root_hash   bytea NOT NULL CHECK (length(root_hash) = 32),
  issued_at   timestamptz NOT NULL,
  origin      text NOT NULL CHECK (origin <> '' AND origin !~ '[[:space:]+]'),
  key_hash    bytea NOT NULL CHECK (length(key_hash) = 4),
  signature   bytea NOT NULL CHECK (length(signature) = 64),
  note        text NOT NULL,
  object_key  text,
  copied_at   timestamptz
);
COMMENT ON TABLE audit_checkpoint IS 'Signed tree heads, as C2SP signed notes (tlog-checkpoint).';
COMMENT ON COLUMN audit_checkpoint.root_hash IS 'MTH of the first tree_size leaves at issue time.';
COMMENT ON COLUMN audit_checkpoint.key_hash IS 'C2SP key hash: first 4 bytes of SHA-256(key name || 0x0A || 0x01 || Ed25519 public key).';
COMMENT ON COLUMN audit_checkpoint.signature IS 'Ed25519 signature over the note body: origin, tree size, base64 root hash and timestamp lines.';
COMMENT ON COLUMN audit_checkpoint.note IS 'The complete signed note (body, blank line, signature line) as served.';
COMMENT ON COLUMN audit_checkpoint.object_key IS 'Key of the copy in the audit bucket; NULL until written.';
COMMENT ON COLUMN audit_checkpoint.copied_at IS 'When the copy reached the object store; NULL means a retry is due.';
CREATE INDEX audit_checkpoint_size ON audit_checkpoint (tree_size, id);
CREATE INDEX audit_checkpoint_uncopied ON audit_checkpoint (id) WHERE copied_at IS NULL;
CREATE INDEX audit_entry_unit ON audit_entry (unit_id, id);
