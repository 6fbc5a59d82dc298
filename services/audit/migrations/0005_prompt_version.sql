-- Every model call names the prompt it ran with (the system prompt template's hash and the
-- tenant's instructions version), so a change in answers can be traced to a change in prompt.
ALTER TABLE model_calls ADD COLUMN prompt_version text;
CREATE INDEX model_calls_prompt_version ON model_calls (tenant_id, prompt_version);
