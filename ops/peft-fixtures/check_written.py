#!/usr/bin/env python3
"""Loads the adapters Mailtune wrote in PEFT and checks that PEFT gives Mailtune's logits.

Development tool only: run it after `./mvnw -pl model verify -Dtest=PeftCompatibilityTest`, which writes, under
model/target/peft-written/, for each case: the adapter directory <case>/ (PeftFormat.write), <case>.base (the fixture
base it belongs to) and <case>.logits.safetensors (Mailtune's logits for the fixture's token sequence).

For each case it loads the base with HF transformers, the adapter with PeftModel.from_pretrained (PeftConfig and
weights), fails on any warning except PEFT's own about merging lora_bias into a layer without bias, fails on
missing or unexpected adapter keys, and compares PEFT's float32 logits with Mailtune's (max |difference| <= 1e-5).
"""
import argparse
import sys
import warnings
from pathlib import Path

import torch
from peft import PeftConfig, PeftModel
from safetensors import safe_open
from safetensors.torch import load_file
from transformers import LlamaForCausalLM, Qwen2ForCausalLM

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "model/src/test/resources/peft-fixtures"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--written", type=Path, default=ROOT / "model/target/peft-written")
    written = parser.parse_args().written
    tokens = torch.tensor([[1, 7, 3, 19, 28, 5, 12, 30, 9, 2]])
    failures = 0
    cases = sorted(p.stem for p in written.glob("*.base"))
    if not cases:
        raise SystemExit(f"nothing in {written}: run PeftCompatibilityTest first")
    for case in cases:
        base = (written / f"{case}.base").read_text().strip()
        adapter = written / case
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            config = PeftConfig.from_pretrained(adapter)
            cls = LlamaForCausalLM if base == "llama" else Qwen2ForCausalLM
            model = PeftModel.from_pretrained(cls.from_pretrained(FIXTURES / "bases" / base, dtype=torch.float32),
                                              adapter)
            model.eval()
            with torch.no_grad():
                peft = model(tokens).logits[0]
        problems = [str(w.message) for w in caught if "lora_bias=True" not in str(w.message)]
        state = {k.replace(".default", "") for k in model.state_dict() if "lora_" in k}
        with safe_open(adapter / "adapter_model.safetensors", "pt") as f:
            saved = set(f.keys())
        missing = sorted(state - saved)
        if missing:
            problems.append(f"PEFT has modules the file does not fill: {missing[:3]}")
        mailtune = load_file(written / f"{case}.logits.safetensors")["logits"]
        diff = float((peft - mailtune).abs().max())
        if diff > 1e-5:
            problems.append(f"logits differ by {diff:.3g}")
        status = "FAIL" if problems else "ok"
        failures += bool(problems)
        print(f"{status:4} {case:24} base {base:5} r={config.r} alpha={config.lora_alpha} "
              f"patterns={len(config.rank_pattern)} targets={len(config.target_modules)} "
              f"lora_bias={config.lora_bias} max|dlogit|={diff:.2e} {'; '.join(problems)}")
    print(f"{len(cases) - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
