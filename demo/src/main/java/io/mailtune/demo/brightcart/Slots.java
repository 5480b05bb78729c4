package io.mailtune.demo.brightcart;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The concrete details one customer's email mentions, drawn once per case so that every placeholder in that email
 * agrees (the same order number in the subject and the body).
 *
 * @param order  an order number such as {@code BC-482913}
 * @param item   a product phrase such as "the oak side table"
 * @param day    a time phrase such as "last Tuesday"
 * @param device a device such as "iPhone"
 * @param amount a price such as "$84.50"
 * @param card   the last four digits of a card
 */
public record Slots(String order, String item, String day, String device, String amount, String card) {

    /** The placeholder names scenario files may use, written {@code {name}}. */
    public static final List<String> NAMES = List.of("order", "item", "day", "device", "amount", "card");

    private static final List<String> ITEMS = List.of(
            "the oak side table", "the linen duvet cover", "the Aero kettle", "the ceramic table lamp",
            "the Nova desk chair", "a set of six wine glasses", "the bamboo bath mat", "the Lumo floor lamp",
            "the wool throw", "the Sonic bluetooth speaker", "the cast iron casserole dish", "the Harbour dinner set",
            "the velvet cushion cover", "the Fjord bookcase", "the cotton bath towel set", "the Pico coffee grinder",
            "the rattan laundry basket", "the Arc wall clock", "the walnut chopping board", "the blackout curtain set",
            "the Tempo air fryer", "a king-size mattress protector", "the stoneware mug set", "the Orbit ceiling light");
    private static final List<String> DAYS = List.of(
            "yesterday", "last Monday", "last Tuesday", "on Wednesday", "last Thursday", "on Friday", "at the weekend",
            "three days ago", "last week", "two weeks ago", "on the 3rd", "on the 14th", "this morning", "ten days ago");
    private static final List<String> DEVICES = List.of(
            "iPhone", "Android phone", "laptop", "iPad", "work computer", "Samsung tablet", "MacBook", "desktop PC");

    /** Draws one set of details. */
    public static Slots draw(Random random) {
        String order = "BC-" + (100000 + random.nextInt(900000));
        String item = ITEMS.get(random.nextInt(ITEMS.size()));
        String day = DAYS.get(random.nextInt(DAYS.size()));
        String device = DEVICES.get(random.nextInt(DEVICES.size()));
        int cents = 1200 + random.nextInt(38800);
        String amount = String.format(Locale.ROOT, "$%d.%02d", cents / 100, cents % 100);
        String card = String.format(Locale.ROOT, "%04d", random.nextInt(10000));
        return new Slots(order, item, day, device, amount, card);
    }

    /** {@code template} with every known placeholder replaced; the first letter is capitalised. */
    public String fill(String template) {
        String filled = template.replace("{order}", order).replace("{item}", item).replace("{day}", day)
                .replace("{device}", device).replace("{amount}", amount).replace("{card}", card);
        return filled.isEmpty() ? filled : Character.toUpperCase(filled.charAt(0)) + filled.substring(1);
    }
}
