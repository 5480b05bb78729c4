package io.mailtune.agent.config;

/** Reads secrets from the environment variables the configuration names; the values are never logged. */
public final class Secrets {

    private Secrets() {
    }

    /**
     * The value of the environment variable {@code variable}, which the setting {@code setting} names.
     *
     * @throws IllegalStateException naming the setting and the variable when it is unset or empty
     */
    public static String fromEnvironment(String variable, String setting) {
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(setting + " names the environment variable " + variable
                    + ", which is not set; export it before starting the agent");
        }
        return value;
    }
}
