package io.mailtune.demo.synthetic;

/**
 * One thing customers ask a company how to do: an action on an object ("cancel" + "subscription").
 *
 * @param action the action
 * @param object the object, singular ("subscription", "payment card")
 */
record Task(Action action, String object) {

    /** A short id for the article about it. */
    String id() {
        return (action.verb() + "-" + object).replaceAll("[^a-z0-9]+", "-");
    }

    /**
     * An action with its forms.
     *
     * @param verb     base form ("cancel")
     * @param past     past participle ("cancelled")
     * @param synonyms other ways customers say it ("stop", "end")
     */
    record Action(String verb, String past, String... synonyms) {
    }
}
