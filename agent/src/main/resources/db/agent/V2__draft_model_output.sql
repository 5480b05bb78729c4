-- The model's raw output each draft was rendered from (ApprovedReply v4 carries it to the trainer); null for drafts
-- written before this version, which approve with an empty one.
ALTER TABLE agent_draft ADD COLUMN model_output VARCHAR;
