package io.mailtune.demo.recipe;

import io.mailtune.model.draft.DraftInput;

import java.util.List;

/**
 * One email with what the drafter sees for it (retrieved passages included) and what a good agent sends.
 *
 * @param caseId          stable id of the generated case
 * @param input           the draft input, with the passages hybrid retrieval returned
 * @param reply           the reply a good agent sends seeing only these passages (the training target's source)
 * @param reference       the reply a good agent sends knowing the whole knowledge base (what drafts are scored on)
 * @param keyInstructions the instruction each question's answer must contain; empty for a hand-off
 * @param handOff         no article of the knowledge base answers the email
 */
public record DraftExample(String caseId, DraftInput input, String reply, String reference, List<String> keyInstructions,
                           boolean handOff) {

    /** Copies the list. */
    public DraftExample {
        keyInstructions = List.copyOf(keyInstructions);
    }
}
