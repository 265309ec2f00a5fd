-- Fixity re-hashes the receipt files too (against the bytes evidence_receipt holds), in the receipts
-- bucket (or derived, for receipts written before it), and lists the receipts bucket for objects
-- nothing records.

ALTER TABLE fixity_item DROP CONSTRAINT fixity_item_target_check;
ALTER TABLE fixity_item ADD CONSTRAINT fixity_item_target_check
  CHECK (target IN ('ORIGINAL','REVIEW_COPY','THUMBNAIL','SPRITE','RECEIPT','FOREIGN','SCAN'));
ALTER TABLE fixity_item DROP CONSTRAINT fixity_item_bucket_check;
ALTER TABLE fixity_item ADD CONSTRAINT fixity_item_bucket_check
  CHECK (bucket IN ('EVIDENCE','DERIVED','RECEIPTS'));
ALTER TABLE fixity_object DROP CONSTRAINT fixity_object_bucket_check;
ALTER TABLE fixity_object ADD CONSTRAINT fixity_object_bucket_check
  CHECK (bucket IN ('EVIDENCE','DERIVED','RECEIPTS'));
COMMENT ON COLUMN fixity_item.target IS 'What the object is: an original, a derived file (REVIEW_COPY, THUMBNAIL, SPRITE), a receipt file (RECEIPT), an object nothing records (FOREIGN), or a bucket listed for those (SCAN).';
