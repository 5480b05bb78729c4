#!/usr/bin/env python3
"""Writes the PEFT compatibility fixtures that model's PeftCompatibilityTest compares against.

Development tool only: the build never runs it. It needs torch, transformers, peft and safetensors
(see README.md beside it). It writes, under model/src/test/resources/peft-fixtures/:

  bases/<name>/config.json, model.safetensors        tiny random Llama (untied) and Qwen2 (tied, q/k/v biases)
  adapters/<case>/adapter_config.json, adapter_model.safetensors
                                                     adapters made by PEFT's get_peft_model + save_pretrained
  logits/<case>.safetensors                          "logits" [tokens, vocab] from HF transformers + PEFT,
                                                     for the adapters Mailtune must honour (and the bare bases),
                                                     computed in float64 and stored as float32
  cases.json                                         what each case is, its base, the token ids, the versions

Every adapter_config.json is PEFT's own, so each one holds every key the installed PEFT's LoraConfig writes.
"""
import argparse
import json
import shutil
import warnings
from pathlib import Path

import peft
import torch
import transformers
from peft import LoraConfig, PeftModel, get_peft_model
from peft.tuners.lora.config import MontecloraConfig, VeloraConfig
from safetensors.torch import save_file
from transformers import LlamaConfig, LlamaForCausalLM, Qwen2Config, Qwen2ForCausalLM

TOKENS = [1, 7, 3, 19, 28, 5, 12, 30, 9, 2]
ALL_LINEAR = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]

BASES = {
    "llama": lambda: LlamaForCausalLM(LlamaConfig(
        vocab_size=32, hidden_size=8, intermediate_size=12, num_hidden_layers=3, num_attention_heads=2,
        num_key_value_heads=1, max_position_embeddings=64, rms_norm_eps=1e-5, rope_theta=10000.0,
        tie_word_embeddings=False)),
    "qwen2": lambda: Qwen2ForCausalLM(Qwen2Config(
        vocab_size=32, hidden_size=8, intermediate_size=12, num_hidden_layers=2, num_attention_heads=2,
        num_key_value_heads=1, max_position_embeddings=64, rms_norm_eps=1e-6, rope_theta=1000000.0,
        tie_word_embeddings=True, use_sliding_window=False)),
}

# Adapters Mailtune honours: logits must agree with PEFT's.
HONOURED = {
    "regex-targets": ("llama", dict(
        r=2, lora_alpha=4,
        target_modules=r".*\.(0|2)\.self_attn\.(q|v)_proj|model\.layers\.1\.mlp\.down_proj")),
    "suffix-targets-layers": ("llama", dict(
        r=3, lora_alpha=5, target_modules=["self_attn.q_proj", "mlp.up_proj", "o_proj"],
        layers_to_transform=[0, 2], layers_pattern="layers", modules_to_save=[])),
    "rank-alpha-patterns": ("llama", dict(
        r=2, lora_alpha=2, target_modules="all-linear", use_rslora=True, init_lora_weights="gaussian",
        rank_pattern={"q_proj": 4, r"model\.layers\.1\.mlp\.down_proj": 1, "layers.2.self_attn.v_proj": 3},
        alpha_pattern={"v_proj": 1, "mlp.gate_proj": 4},
        exclude_modules=r".*\.2\.mlp\.up_proj|model\.layers\.0\.self_attn\.k_proj")),
    "lora-bias": ("llama", dict(
        r=2, lora_alpha=3, target_modules=ALL_LINEAR, lora_bias=True,
        exclude_modules=["model.layers.1.mlp.down_proj"], rank_pattern={"o_proj": 1})),
    "qwen2-bias-rslora": ("qwen2", dict(
        r=2, lora_alpha=6, target_modules="all-linear", lora_bias=True, use_rslora=True,
        rank_pattern={"mlp.down_proj": 4}, alpha_pattern={"layers.1.self_attn.k_proj": 1})),
    "qwen2-q-v": ("qwen2", dict(r=8, lora_alpha=16, target_modules=["q_proj", "v_proj"])),
    "velora": ("llama", dict(r=2, lora_alpha=2, target_modules=["q_proj", "v_proj"], velora_config=VeloraConfig())),
    "monteclora": ("llama", dict(r=2, lora_alpha=2, target_modules=["k_proj", "down_proj"],
                                 monteclora_config=MontecloraConfig())),
    "orthogonal-init": ("llama", dict(r=2, lora_alpha=4, target_modules=["q_proj", "gate_proj"],
                                      init_lora_weights="orthogonal")),
}

# Adapters Mailtune refuses by name: only the files (the Java test checks the message).
REFUSED = {
    "dora": ("llama", dict(r=2, target_modules=["q_proj"], use_dora=True)),
    "alora": ("llama", dict(r=2, target_modules=["q_proj"], alora_invocation_tokens=[3, 4])),
    "embed-lm-head": ("llama", dict(r=2, target_modules=["embed_tokens", "lm_head", "q_proj"])),
    "trainable-tokens": ("llama", dict(r=2, target_modules=["q_proj"], trainable_token_indices=[3, 4])),
    "modules-to-save": ("llama", dict(r=2, target_modules=["q_proj"], modules_to_save=["lm_head"])),
    "layer-replication": ("llama", dict(r=2, target_modules=["q_proj"], layer_replication=[[0, 2], [1, 3]])),
}


def randomise_base(model, seed):
    """Random weights scaled like a trained model's (std ~ 0.6/sqrt(fan-in)), so activations stay O(1) and float32
    rounding stays near 1e-6 in the logits: the 1e-5 bound then measures the implementation, not the noise."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm.weight"):
                p.copy_(0.5 + torch.rand(p.shape, generator=g))
            elif name.endswith("embed_tokens.weight"):
                p.copy_(torch.randn(p.shape, generator=g))
            else:
                p.copy_(torch.randn(p.shape, generator=g) * 0.6 / p.shape[-1] ** 0.5)


def randomise_adapter(model, seed):
    """Stands in for training: every LoRA factor and bias gets random values, so no adapter is a no-op."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_A" in name or "lora_B" in name:
                p.copy_(torch.randn(p.shape, generator=g) * 0.3)


def logits_of(model):
    model.eval()
    with torch.no_grad():
        return model(torch.tensor([TOKENS])).logits[0].contiguous()  # [tokens, vocab]


def load_base(out, name, dtype=torch.float32):
    return (LlamaForCausalLM if name == "llama" else Qwen2ForCausalLM).from_pretrained(
        out / "bases" / name, dtype=dtype)


def save_adapter(model, out, case, base, **save_kwargs):
    target = out / "adapters" / case
    shutil.rmtree(target, ignore_errors=True)
    model.peft_config["default"].base_model_name_or_path = "mailtune-fixtures/tiny-" + base
    model.save_pretrained(target, **save_kwargs)
    (target / "README.md").unlink(missing_ok=True)
    return target


def peft_logits(out, case, base, dtype=torch.float32):
    """Logits as a user gets them: base from disk, adapter through PeftModel.from_pretrained. Fails on a warning
    other than PEFT's own about merging lora_bias into a layer without bias."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model = PeftModel.from_pretrained(load_base(out, base, dtype), out / "adapters" / case)
        assert all(p.dtype == dtype for p in model.parameters())
        logits = logits_of(model)
    unexpected = [str(w.message) for w in caught if "lora_bias=True" not in str(w.message)]
    if unexpected:
        raise SystemExit(f"{case}: PEFT warned while loading: {unexpected}")
    return logits


def expected(out, case, base, cases):
    """Writes PEFT's float64 logits (the exact values float32 code should come close to) and records how far
    PEFT's own float32 run is from them."""
    exact = peft_logits(out, case, base, torch.float64)
    f32 = peft_logits(out, case, base, torch.float32).double()
    save_file({"logits": exact.float().contiguous()}, out / "logits" / f"{case}.safetensors")
    return float((f32 - exact).abs().max())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parents[2] / "model/src/test/resources/peft-fixtures")
    out = parser.parse_args().out
    torch.manual_seed(0)
    cases = {"tokens": TOKENS, "peft": peft.__version__, "transformers": transformers.__version__,
             "torch": torch.__version__, "bases": {}, "honoured": {}, "refused": {}}
    (out / "logits").mkdir(parents=True, exist_ok=True)
    for i, (name, make) in enumerate(BASES.items()):
        model = make()
        randomise_base(model, 100 + i)
        target = out / "bases" / name
        shutil.rmtree(target, ignore_errors=True)
        model.save_pretrained(target)
        (target / "generation_config.json").unlink(missing_ok=True)
        exact = logits_of(load_base(out, name, torch.float64))
        save_file({"logits": exact.float().contiguous()}, out / "logits" / f"base-{name}.safetensors")
        cases["bases"][name] = {"peft_float32_error": float((logits_of(load_base(out, name)).double() - exact)
                                                            .abs().max())}
    for i, (case, (base, kwargs)) in enumerate(HONOURED.items()):
        model = get_peft_model(load_base(out, base), LoraConfig(task_type="CAUSAL_LM", **kwargs))
        randomise_adapter(model, 200 + i)
        save_adapter(model, out, case, base)
        cases["honoured"][case] = {"base": base, "config": {k: str(v) for k, v in kwargs.items()},
                                   "peft_float32_error": expected(out, case, base, cases)}
    # PiSSA converted to plain LoRA on save (what PEFT's docs tell users to do): honoured like any LoRA.
    model = get_peft_model(load_base(out, "llama"), LoraConfig(
        task_type="CAUSAL_LM", r=2, lora_alpha=2, target_modules=["q_proj", "down_proj"], init_lora_weights="pissa"))
    initial = out / "adapters" / "pissa-initial"
    save_adapter(model, out, "pissa-initial", "llama")
    randomise_adapter(model, 300)
    save_adapter(model, out, "pissa-converted", "llama", path_initial_model_for_weight_conversion=str(initial))
    shutil.rmtree(initial)
    cases["honoured"]["pissa-converted"] = {"base": "llama", "config": {"init_lora_weights": "pissa (converted)"},
                                            "peft_float32_error": expected(out, "pissa-converted", "llama", cases)}
    # PiSSA as trained, not converted: its factors assume a base PiSSA changed, so it is refused.
    model = get_peft_model(load_base(out, "llama"), LoraConfig(
        task_type="CAUSAL_LM", r=2, lora_alpha=2, target_modules=["q_proj"], init_lora_weights="pissa"))
    save_adapter(model, out, "pissa-unconverted", "llama")
    cases["refused"]["pissa-unconverted"] = {"base": "llama"}
    for case, (base, kwargs) in REFUSED.items():
        model = get_peft_model(load_base(out, base), LoraConfig(task_type="CAUSAL_LM", **kwargs))
        randomise_adapter(model, 400)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            save_adapter(model, out, case, base)
        cases["refused"][case] = {"base": base}
    (out / "cases.json").write_text(json.dumps(cases, indent=2, sort_keys=True) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
