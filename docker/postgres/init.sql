-- Run once by the postgres image on an empty data volume: one database per store (docs/privacy.md lists what each holds).
CREATE DATABASE mailtune_agent OWNER mailtune;
CREATE DATABASE mailtune_ingest OWNER mailtune;
CREATE DATABASE mailtune_trainer OWNER mailtune;
