"""Regenerates expected.json: what HuggingFace transformers renders for the fixture checkpoints.

The build never runs this; its output is committed. To regenerate (any machine with Python 3):

    python3 -m venv /tmp/hfenv && /tmp/hfenv/bin/pip install jinja2 transformers
    ./mvnw -q -pl model test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt
    java -cp model/target/test-classes:model/target/classes:$(cat model/cp.txt) \
         io.mailtune.model.fixtures.ChatCheckpoints /tmp/chat-fixtures
    /tmp/hfenv/bin/python model/src/test/resources/io/mailtune/model/tokenizer/templates/make_expected.py \
         /tmp/chat-fixtures

For every fixture and every conversation of conversations.json it records
tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=...) and the ids of that text
(tokenizer.encode(text, add_special_tokens=False)). strftime_now is frozen at 2025-03-07 12:00 local time.
"""
import datetime
import json
import sys
from pathlib import Path

import transformers
import transformers.utils.chat_template_utils as chat_template_utils


class FrozenDatetime(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return cls(2025, 3, 7, 12, 0, 0)


chat_template_utils.datetime = FrozenDatetime

here = Path(__file__).parent
conversations = json.loads((here / "conversations.json").read_text(encoding="utf-8"))
fixtures = Path(sys.argv[1])
expected = {"transformers": transformers.__version__, "models": {}}
for model_dir in sorted(p for p in fixtures.iterdir() if p.is_dir()):
    tokenizer = transformers.AutoTokenizer.from_pretrained(str(model_dir))
    renderings = []
    for conversation in conversations:
        text = tokenizer.apply_chat_template(conversation["messages"], tokenize=False,
                                             add_generation_prompt=conversation["add_generation_prompt"])
        renderings.append({"name": conversation["name"], "text": text,
                           "ids": tokenizer.encode(text, add_special_tokens=False)})
    expected["models"][model_dir.name] = renderings
(here / "expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
print("wrote", here / "expected.json", "with transformers", transformers.__version__)
