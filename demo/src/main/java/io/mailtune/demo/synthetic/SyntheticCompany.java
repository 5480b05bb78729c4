package io.mailtune.demo.synthetic;

import io.mailtune.model.draft.CompanyProfile;

import java.util.List;

/**
 * A fictional company: its profile as a deployment would configure it, the way its staff write, and its help centre.
 *
 * @param id       stable id ({@code s<seed>-<index>}), also the product every article is filed under
 * @param profile  name, signature (empty for about half), tone and hand-off sentence
 * @param style    how its staff write replies
 * @param products product names its articles mention
 * @param articles the help articles
 */
public record SyntheticCompany(String id, CompanyProfile profile, ReplyStyle style, List<String> products,
                               List<SyntheticArticle> articles) {

    /** Validates the parts. */
    public SyntheticCompany {
        articles = List.copyOf(articles);
        products = List.copyOf(products);
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("company " + id + " has no articles");
        }
    }

    /** The article with this id. */
    public SyntheticArticle article(String articleId) {
        return articles.stream().filter(a -> a.id().equals(articleId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("company " + id + " has no article " + articleId));
    }

    /** The sign-off the company's replies end with: the profile's signature, or the style's with the name filled in. */
    public String signOff() {
        return profile.signature().isEmpty() ? style.signOff().replace("{company}", profile.name()) : profile.signature();
    }
}
