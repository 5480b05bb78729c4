package io.mailtune.retrieval.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options, {@code --flag} switches and positional words, parsed strictly. */
final class CliArguments {

    private final Map<String, String> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final Set<String> flags;

    CliArguments(List<String> args, Set<String> valueOptions, Set<String> flags) {
        this.flags = flags;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            if (flags.contains(name)) {
                options.put(name, "true");
            } else if (valueOptions.contains(name)) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("option --" + name + " needs a value");
                }
                options.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    String require(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("option --" + name + " is required");
        }
        return value;
    }

    int intOption(String name, int fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + value + "'");
        }
    }

    double doubleOption(String name, double fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, was '" + value + "'");
        }
    }

    boolean flag(String name) {
        if (!flags.contains(name)) {
            throw new IllegalStateException("--" + name + " is not a declared flag");
        }
        return options.containsKey(name);
    }

    List<String> positional() {
        return positional;
    }
}
