package io.mailtune.demo.synthetic;

import java.util.List;

/** Word pools the synthetic knowledge bases and emails are built from (entities come from Datafaker). */
final class Vocabulary {

    private Vocabulary() {
    }

    static final List<Task.Action> ACTIONS = List.of(
            new Task.Action("change", "changed", "update", "edit", "switch"),
            new Task.Action("cancel", "cancelled", "stop", "end"),
            new Task.Action("download", "downloaded", "get a copy of", "save"),
            new Task.Action("delete", "deleted", "remove", "get rid of"),
            new Task.Action("add", "added", "set up", "create"),
            new Task.Action("export", "exported", "get a copy of", "pull out"),
            new Task.Action("reset", "reset", "renew", "start over with"),
            new Task.Action("connect", "connected", "link", "hook up"),
            new Task.Action("turn on", "turned on", "enable", "activate"),
            new Task.Action("turn off", "turned off", "disable", "deactivate"),
            new Task.Action("pause", "paused", "put on hold", "freeze"),
            new Task.Action("transfer", "transferred", "move", "hand over"),
            new Task.Action("book", "booked", "schedule", "reserve"),
            new Task.Action("reschedule", "rescheduled", "move", "push back"),
            new Task.Action("upgrade", "upgraded", "move up", "improve"),
            new Task.Action("restore", "restored", "recover", "get back"),
            new Task.Action("share", "shared", "send", "give access to"),
            new Task.Action("print", "printed", "get a paper copy of"),
            new Task.Action("verify", "verified", "confirm", "prove"),
            new Task.Action("rename", "renamed", "change the name of"),
            new Task.Action("track", "tracked", "follow", "check on"),
            new Task.Action("return", "returned", "send back"),
            new Task.Action("replace", "replaced", "swap"),
            new Task.Action("redeem", "redeemed", "use", "apply"),
            new Task.Action("report", "reported", "flag"),
            new Task.Action("request", "requested", "ask for", "order"));

    static final List<String> OBJECTS = List.of(
            "email address", "password", "subscription", "invoice", "payment card", "team member", "monthly report",
            "booking", "delivery address", "order", "account", "API key", "notification settings", "time zone",
            "display language", "profile photo", "two-step verification", "data export", "gift card", "discount code",
            "shipping method", "plan", "device", "shared calendar", "folder", "project", "workspace", "seat", "licence",
            "receipt", "warranty", "appointment", "meter reading", "direct debit", "tariff", "shift", "timesheet",
            "backup", "phone number", "username", "billing address", "webhook", "integration", "contract", "refund",
            "parcel", "loyalty points", "voucher", "membership", "user role", "custom domain", "template", "playlist",
            "reservation", "support ticket", "quote", "shipping label", "prescription", "insurance policy", "claim",
            "statement", "dashboard", "mailing list", "tax number", "store credit", "price alert", "wishlist",
            "payout", "bank account", "login link", "security key", "recovery code", "room", "table", "class",
            "lesson", "course", "certificate", "badge", "printer", "scanner", "sensor", "camera", "router",
            "charging station", "delivery slot", "pick-up point", "return label", "repair", "trade-in", "rental");

    static final List<String> SECTIONS = List.of(
            "Settings", "Account", "Billing", "Profile", "Admin", "Security", "Team", "Orders", "Plans", "Preferences",
            "Notifications", "Privacy", "Integrations", "Workspace", "Dashboard", "Bookings", "Devices", "Reports",
            "Payments", "Subscriptions", "Members", "Data", "Apps", "Home", "Library", "Projects", "Schedule", "Inbox",
            "Store", "Wallet", "Household", "Locations", "Tools", "Advanced", "General", "Users", "Permissions",
            "Documents", "Usage", "Plan & billing", "Sharing", "Connections", "Channels", "Catalogue", "Customers",
            "Staff", "Calendar", "Shipping", "Returns", "My account", "My orders", "Control panel", "Organisation",
            "Developer", "Automation", "Archive", "History", "Rewards", "Benefits", "Claims", "Policies", "Meters",
            "Energy", "Timeclock", "Rosters", "Payroll", "Classes", "Lessons", "Rooms", "Fleet", "Garage");

    static final List<String> BUTTONS = List.of("Save", "Save changes", "Confirm", "Continue", "Apply", "Done", "Submit",
            "Update", "Next", "Send", "OK", "Yes, continue");

    static final List<String> UNITS = List.of("minutes", "hours", "business days", "days", "weeks");

    static final List<String> PERIODS = List.of("day", "week", "month", "year", "billing period");

    static final List<String> CURRENCIES = List.of("$", "£", "€");

    static final List<String> HAND_OFF_TEXTS = List.of(
            "I've passed your message to a colleague who can help with this, and they will get back to you shortly.",
            "I have forwarded your email to the right team, and someone will reply to you within two business days.",
            "A member of our team will look into this personally and reply to you as soon as possible.",
            "This needs one of our specialists, so I've handed your request over and they will be in touch soon.",
            "I've asked a colleague to take this over; they will contact you by email.");

    /** Requests a knowledge base does not answer: a person has to take them. */
    static final List<String> OUT_OF_SCOPE = List.of(
            "I'd like to talk to someone about a partnership between our companies.",
            "Do you have any job openings in your support team?",
            "I think someone has been using my card without my permission. What happens now?",
            "I want to make a formal complaint about the way one of your staff spoke to me.",
            "Can I get some compensation for all the time I've lost over this?",
            "I need a signed letter confirming how long I have been a customer, for my bank.",
            "Could somebody call me tomorrow morning to go through my account?",
            "My lawyer has asked me to request every record you hold about our dispute.",
            "Are you open on public holidays, and can I visit your office in person?",
            "We're a school and would like a special price for three hundred users. Who can I talk to?",
            "I was charged by a company I've never heard of and the bank says it was you. Can you explain?",
            "A journalist here: could someone comment on the outage last week?",
            "Your courier damaged my fence while delivering. Who pays for the repair?",
            "I'd like to sell your products in my shop. How do I become a reseller?",
            "My late father had an account with you and I need to close it for his estate.",
            "Can you recommend which of your products would suit a small charity like ours?",
            "I received an email asking me to confirm my password. Was that really from you?",
            "We need a custom contract with our own terms before we can sign up.",
            "One of your employees was rude on the phone and I'd like an apology.",
            "Please remove me from every list you have and confirm in writing.",
            "I need an invoice that shows a different company name for last year's payments.",
            "I'm writing a review of your service; can you answer a few questions for it?");

    static final List<String> OPENERS = List.of("Hi,", "Hello,", "Hi there,", "Hello {company} team,", "Dear {company},",
            "Good morning,", "Good afternoon,", "Hey,", "Dear Sir or Madam,", "Hi {company},", "To whom it may concern,",
            "Hello support,", "Hi team,", "");

    static final List<String> INTROS = List.of("I hope you can help.", "Quick question.",
            "I couldn't find the answer on your help pages.", "Sorry to bother you.",
            "I've been using {company} for a while and this is the first time I've had to write in.",
            "I hope this is the right address for this.", "I looked through the help centre but got lost.",
            "My colleague suggested I write to you.", "I'm new to {company}.", "This is probably simple, but");

    static final List<String> CLOSERS = List.of("Thanks in advance.", "Thank you!", "Any help would be appreciated.",
            "Looking forward to your reply.", "Thanks for your help.", "Hope to hear from you soon.", "Appreciate it.",
            "Many thanks for looking into this.", "");

    static final List<String> SIGN_OFFS = List.of("Best,", "Thanks,", "Cheers,", "Regards,", "Kind regards,",
            "Many thanks,", "Best wishes,", "All the best,", "Thank you,", "");

    static final List<String> ANGRY_OPENERS = List.of("This is unacceptable.", "I am really fed up with this.",
            "This is the third time I've had to write about this.", "Honestly, what is going on at {company}?",
            "I'm extremely disappointed with your service.", "I can't believe I have to email about this again.",
            "Absolutely ridiculous.", "I have been a loyal customer for years and this is how I'm treated?",
            "I've wasted my whole morning on this.", "Nothing about your website makes sense.");

    static final List<String> ANGRY_CLOSERS = List.of("I expect this to be sorted today.",
            "If this isn't fixed I'll take my business elsewhere.", "Please don't send me a copy-and-paste answer.",
            "I want a proper answer, not another automated email.", "Sort it out.",
            "I will be leaving a review about this.", "I NEED THIS FIXED NOW.", "Very disappointed.");
}
