package io.mailtune.model.tokenizer.jinja;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.AdvancedFilter;
import com.hubspot.jinjava.objects.SafeString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code tojson} filter as HuggingFace overrides it: Python's {@code json.dumps(x, ensure_ascii=False,
 * indent=None, separators=None, sort_keys=False)} with those keywords open to the template ({@code tojson(indent=4)}
 * in Llama 3's tool prompt). Jinjava's own writes compact JSON, without the spaces Python puts after , and :.
 */
final class PythonJson implements AdvancedFilter {

    @Override
    public String getName() {
        return "tojson";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object indentArg = kwargs.get("indent");
        String indent = indentArg == null ? null
                : indentArg instanceof Number n ? " ".repeat(Math.max(0, n.intValue())) : indentArg.toString();
        String itemSeparator = indent == null ? ", " : ",";
        String keySeparator = ": ";
        if (kwargs.get("separators") instanceof List<?> separators && separators.size() == 2) {
            itemSeparator = String.valueOf(separators.get(0));
            keySeparator = String.valueOf(separators.get(1));
        }
        boolean ascii = Boolean.TRUE.equals(kwargs.get("ensure_ascii"));
        boolean sortKeys = Boolean.TRUE.equals(kwargs.get("sort_keys"));
        StringBuilder out = new StringBuilder();
        new Writer(indent, itemSeparator, keySeparator, ascii, sortKeys, out).write(var, 0);
        return out.toString();
    }

    /** Python's {@code json.dumps} with the given formatting. */
    private record Writer(String indent, String itemSeparator, String keySeparator, boolean ascii, boolean sortKeys,
                          StringBuilder out) {

        void write(Object value, int depth) {
            switch (value) {
                case null -> out.append("null");
                case Boolean b -> out.append(b);
                case Double d -> out.append(floatRepr(d));
                case Float f -> out.append(floatRepr(f.doubleValue()));
                case Number n -> out.append(n);
                case String s -> string(s);
                case SafeString s -> string(s.toString());
                case Character c -> string(c.toString());
                case Map<?, ?> map -> object(map, depth);
                case Iterable<?> items -> array(items.iterator(), depth);
                case Object[] items -> array(List.of(items).iterator(), depth);
                default -> string(value.toString());
            }
        }

        private void object(Map<?, ?> map, int depth) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            List<Map.Entry<String, Object>> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(Map.entry(key(k), v == null ? NULL : v)));
            if (sortKeys) {
                entries.sort(Map.Entry.comparingByKey());
            }
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                if (i > 0) {
                    out.append(itemSeparator);
                }
                newline(depth + 1);
                string(entries.get(i).getKey());
                out.append(keySeparator);
                Object v = entries.get(i).getValue();
                write(v == NULL ? null : v, depth + 1);
            }
            newline(depth);
            out.append('}');
        }

        private void array(Iterator<?> items, int depth) {
            if (!items.hasNext()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (boolean first = true; items.hasNext(); first = false) {
                if (!first) {
                    out.append(itemSeparator);
                }
                newline(depth + 1);
                write(items.next(), depth + 1);
            }
            newline(depth);
            out.append(']');
        }

        private void newline(int depth) {
            if (indent != null) {
                out.append('\n').append(indent.repeat(depth));
            }
        }

        // Python turns non-string keys into their JSON text (True -> "true", None -> "null").
        private static String key(Object k) {
            return k == null ? "null" : k instanceof Double d ? floatRepr(d) : k.toString();
        }

        private void string(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || (ascii && c > 0x7e)) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    private static final Object NULL = new Object();

    /** Python's {@code repr(float)}: the shortest digits, positional from 1e-4 up to 1e16, else d.ddde+XX. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = shortest.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                + String.format("%02d", Math.abs(exponent));
    }
}
