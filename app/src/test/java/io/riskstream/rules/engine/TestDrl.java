package io.riskstream.rules.engine;

/** DRL for tests of the rules machinery: rules over plain facts (strings), with no global. */
public final class TestDrl {

    public static final String HEADER = "package test.rules;\n";

    private TestDrl() {
    }

    /** A file with one rule that fires when {@code condition} holds and does nothing else. */
    public static String rule(String name, String condition) {
        return HEADER + rules(name, condition);
    }

    /** One rule without the file's header, to put several in one file. */
    public static String rules(String name, String condition) {
        return "rule \"" + name + "\" when " + condition + " then end\n";
    }
}
