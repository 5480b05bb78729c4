package io.mailtune.model.tokenizer.jinja;

import com.hubspot.jinjava.objects.SafeString;
import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Resolves method calls on strings ({@code message.content.strip()}) to Python's {@code str} methods before Jinjava
 * falls back to Java's, which share some names but not the behaviour. Other calls pass on to the next resolver.
 */
final class PythonStringMethods extends ELResolver {

    /** The methods served, as real chat templates call them. */
    static final List<String> METHODS = List.of("strip", "lstrip", "rstrip", "split", "rsplit", "startswith",
            "endswith", "replace", "upper", "lower", "title", "capitalize", "find", "count", "join", "isspace");

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String || base instanceof SafeString) || !(method instanceof String name)
                || !METHODS.contains(name)) {
            return null;
        }
        String s = base.toString();
        Object[] args = params == null ? new Object[0] : params;
        Object result = switch (name) {
            case "strip" -> PythonStrings.strip(s, optionalText(args, 0, name));
            case "lstrip" -> PythonStrings.lstrip(s, optionalText(args, 0, name));
            case "rstrip" -> PythonStrings.rstrip(s, optionalText(args, 0, name));
            case "split" -> PythonStrings.split(s, optionalText(args, 0, name), optionalInt(args, 1, name));
            case "rsplit" -> PythonStrings.rsplit(s, optionalText(args, 0, name), optionalInt(args, 1, name));
            case "startswith" -> affixes(args, name).stream().anyMatch(s::startsWith);
            case "endswith" -> affixes(args, name).stream().anyMatch(s::endsWith);
            case "replace" -> PythonStrings.replace(s, text(args, 0, name), text(args, 1, name),
                    optionalInt(args, 2, name));
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> PythonStrings.title(s);
            case "capitalize" -> PythonStrings.capitalize(s);
            case "find" -> (long) s.indexOf(text(args, 0, name));
            case "count" -> (long) PythonStrings.count(s, text(args, 0, name));
            case "join" -> join(s, args, name);
            case "isspace" -> !s.isEmpty() && s.chars().allMatch(c -> PythonStrings.isSpace((char) c));
            default -> throw new IllegalStateException(name);
        };
        context.setPropertyResolved(true);
        return result;
    }

    private static String text(Object[] args, int i, String method) {
        if (i >= args.length || args[i] == null) {
            throw new IllegalArgumentException("str." + method + "() needs a string argument " + (i + 1));
        }
        return args[i].toString();
    }

    private static String optionalText(Object[] args, int i, String method) {
        return i < args.length && args[i] != null ? text(args, i, method) : null;
    }

    private static int optionalInt(Object[] args, int i, String method) {
        if (i >= args.length || args[i] == null) {
            return -1;
        }
        if (!(args[i] instanceof Number n)) {
            throw new IllegalArgumentException("str." + method + "() needs a number as argument " + (i + 1)
                    + ", got '" + args[i] + "'");
        }
        return n.intValue();
    }

    // startswith/endswith take a string or a tuple (a list in Jinja) of strings.
    private static List<String> affixes(Object[] args, String method) {
        if (args.length > 0 && args[0] instanceof Iterable<?> many) {
            List<String> out = new ArrayList<>();
            many.forEach(o -> out.add(String.valueOf(o)));
            return out;
        }
        return List.of(text(args, 0, method));
    }

    private static String join(String separator, Object[] args, String method) {
        if (args.length == 0 || !(args[0] instanceof Iterable<?> items)) {
            throw new IllegalArgumentException("str." + method + "() needs a list");
        }
        StringBuilder out = new StringBuilder();
        for (Iterator<?> it = items.iterator(); it.hasNext(); ) {
            out.append(it.next());
            if (it.hasNext()) {
                out.append(separator);
            }
        }
        return out.toString();
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // Not a property resolver: leaves assignments to the next resolver.
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
