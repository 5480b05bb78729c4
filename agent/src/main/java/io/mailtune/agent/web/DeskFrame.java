package io.mailtune.agent.web;

import io.mailtune.agent.security.Roles;
import io.mailtune.agent.store.DraftStatus;
import io.mailtune.agent.store.DraftStore;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** Builds the frame of a page for the signed-in reviewer. */
@RequestScoped
public class DeskFrame {

    private final SecurityIdentity identity;
    private final DraftStore drafts;

    DeskFrame(SecurityIdentity identity, DraftStore drafts) {
        this.identity = identity;
        this.drafts = drafts;
    }

    /** The frame of a page in {@code section}. */
    public Chrome chrome(String section, String title) {
        return new Chrome(user(), identity.hasRole(Roles.ADMIN), section, drafts.counts(null).get(DraftStatus.READY), title);
    }

    /** The signed-in reviewer's name. */
    public String user() {
        return identity.getPrincipal().getName();
    }
}
