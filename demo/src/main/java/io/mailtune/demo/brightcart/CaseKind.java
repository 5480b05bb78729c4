package io.mailtune.demo.brightcart;

/** The shapes of support email the generator writes. */
public enum CaseKind {
    /** One question answered by one article. */
    SINGLE,
    /** Two or more questions in one email, each answered by its own article. */
    MULTI_QUESTION,
    /** A reply in an existing thread, quoting our earlier answer and asking something new. */
    FOLLOW_UP,
    /** One question from an upset customer; the reply acknowledges the frustration first. */
    ANGRY,
    /** A request no article covers; the reply hands it to a human colleague and cites nothing. */
    HAND_OFF
}
