"""inference: analysis jobs → engine chain (vllm → mistral → analyst) → answer + audit events."""
