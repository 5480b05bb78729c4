-- The model's raw output the draft was rendered from (ApprovedReply v4), scrubbed like the draft; empty for history,
-- for approvals older than v4 and for examples stored before this version.
ALTER TABLE trainer_example ADD COLUMN model_output VARCHAR(1000000) DEFAULT '' NOT NULL;
