package io.mailtune.model.tokenizer.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.util.Objects;

/**
 * Jinja's {@code trim(value, chars=None)}, which is Python's {@code str.strip}: Jinjava's strips control
 * characters too but not Unicode spaces. Llama 3 trims every message with it.
 */
final class PythonTrimFilter implements Filter {

    @Override
    public String getName() {
        return "trim";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return PythonStrings.strip(Objects.toString(var, ""), args.length > 0 ? args[0] : null);
    }
}
