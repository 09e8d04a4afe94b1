package dev.tidemark.migration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A comparable version, used both for migration versions ({@code 12}, {@code 2.1}) and for code
 * versions and releases ({@code 1.10.0}, {@code 2.0.0-SNAPSHOT}, {@code 2024-05-01}).
 * <p>
 * Rules: an optional leading {@code v} is ignored; the numeric part is a sequence of digit groups
 * separated by {@code .}, {@code _} or {@code -}, compared number by number with missing numbers
 * counting as zero ({@code 1.10.0 > 1.9.2}, {@code 2.0 == 2.0.0}); the qualifier starts at the first
 * letter and makes a version a pre-release, lower than the same numbers without one
 * ({@code 2.0.0-SNAPSHOT < 2.0.0}); qualifiers compare as {@code alpha < beta < milestone < rc <
 * snapshot <} any other text (alphabetically), numbers inside them numerically ({@code rc2 < rc10},
 * {@code rc01 == rc1}); the qualifiers {@code final}, {@code ga} and {@code release} mean a release
 * ({@code 2.0.0.RELEASE == 2.0.0}); letter case never matters; build metadata after {@code +} is
 * ignored. Immutable and thread-safe.
 */
public final class Version implements Comparable<Version> {

    private static final List<String> KNOWN_QUALIFIERS =
            List.of("alpha", "a", "beta", "b", "milestone", "m", "rc", "cr", "snapshot");

    /** Qualifiers that some projects append to a release (Spring's old {@code .RELEASE}, Hibernate's {@code .Final}). */
    private static final List<String> RELEASE_QUALIFIERS = List.of("final", "ga", "release");

    private final String text;

    private final List<Long> numbers;

    private final List<String> qualifier;

    private Version(String text, List<Long> numbers, List<String> qualifier) {
        this.text = text;
        this.numbers = numbers;
        this.qualifier = qualifier;
    }

    /**
     * Parses a version.
     * @throws IllegalArgumentException when the text does not start with a number
     */
    public static Version parse(String text) {
        String trimmed = text.trim();
        String body = trimmed;
        if (body.length() > 1 && (body.charAt(0) == 'v' || body.charAt(0) == 'V') && Character.isDigit(body.charAt(1))) {
            body = body.substring(1);
        }
        int plus = body.indexOf('+');
        if (plus >= 0) {
            body = body.substring(0, plus);
        }
        List<Long> numbers = new ArrayList<>();
        int i = 0;
        while (i < body.length()) {
            int start = i;
            while (i < body.length() && Character.isDigit(body.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            if (i - start > 18) {
                throw new IllegalArgumentException("Version '" + text + "' has a number too long to compare");
            }
            numbers.add(Long.parseLong(body.substring(start, i)));
            if (i < body.length() && isSeparator(body.charAt(i)) && i + 1 < body.length()
                    && Character.isDigit(body.charAt(i + 1))) {
                i++;
            }
            else {
                break;
            }
        }
        if (numbers.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a version: it must start with a number, "
                    + "such as 2, 1.4.0, 2.0.0-SNAPSHOT or 2024-05-01");
        }
        String rest = body.substring(i);
        while (!rest.isEmpty() && isSeparator(rest.charAt(0))) {
            rest = rest.substring(1);
        }
        if (!rest.isEmpty() && !Character.isLetter(rest.charAt(0))) {
            throw new IllegalArgumentException("'" + text + "' is not a version: unexpected '" + rest
                    + "' after the numbers");
        }
        while (numbers.size() > 1 && numbers.get(numbers.size() - 1) == 0) {
            numbers.remove(numbers.size() - 1);
        }
        return new Version(trimmed, Collections.unmodifiableList(numbers), tokenize(rest));
    }

    /** Whether the text is a version {@link #parse(String)} accepts. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    /** Whether this is a pre-release, i.e. carries a qualifier such as {@code SNAPSHOT} or {@code rc1}. */
    public boolean isPreRelease() {
        return !this.qualifier.isEmpty();
    }

    @Override
    public int compareTo(Version other) {
        int length = Math.max(this.numbers.size(), other.numbers.size());
        for (int i = 0; i < length; i++) {
            int result = Long.compare(number(this.numbers, i), number(other.numbers, i));
            if (result != 0) {
                return result;
            }
        }
        if (this.qualifier.isEmpty() || other.qualifier.isEmpty()) {
            // A release sorts after every pre-release of the same numbers.
            return Boolean.compare(this.qualifier.isEmpty(), other.qualifier.isEmpty());
        }
        int tokens = Math.max(this.qualifier.size(), other.qualifier.size());
        for (int i = 0; i < tokens; i++) {
            int result = compareToken(token(this.qualifier, i), token(other.qualifier, i));
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    /** Whether this version is at least the given one. */
    public boolean isAtLeast(Version other) {
        return compareTo(other) >= 0;
    }

    @Override
    public boolean equals(Object other) {
        return (other instanceof Version version) && compareTo(version) == 0;
    }

    @Override
    public int hashCode() {
        return this.numbers.hashCode() * 31 + this.qualifier.hashCode();
    }

    /** The version as it was written. */
    @Override
    public String toString() {
        return this.text;
    }

    private static boolean isSeparator(char c) {
        return c == '.' || c == '_' || c == '-';
    }

    private static long number(List<Long> numbers, int index) {
        return (index < numbers.size()) ? numbers.get(index) : 0;
    }

    private static String token(List<String> tokens, int index) {
        return (index < tokens.size()) ? tokens.get(index) : "";
    }

    private static List<String> tokenize(String qualifier) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < qualifier.length(); i++) {
            char c = qualifier.charAt(i);
            boolean boundary = current.length() > 0
                    && Character.isDigit(c) != Character.isDigit(current.charAt(current.length() - 1));
            if (isSeparator(c) || boundary) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
                if (isSeparator(c)) {
                    continue;
                }
            }
            current.append(Character.toLowerCase(c));
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        if (tokens.size() == 1 && RELEASE_QUALIFIERS.contains(tokens.get(0))) {
            return List.of();
        }
        // Numeric tokens compare by value, so rc01 equals rc1; normalizing them keeps hashCode consistent with equals.
        tokens.replaceAll((token) -> Character.isDigit(token.charAt(0)) ? new java.math.BigInteger(token).toString() : token);
        return Collections.unmodifiableList(tokens);
    }

    private static int compareToken(String left, String right) {
        if (left.equals(right)) {
            return 0;
        }
        // A missing token sorts first: rc < rc1.
        if (left.isEmpty() || right.isEmpty()) {
            return left.isEmpty() ? -1 : 1;
        }
        boolean leftNumeric = Character.isDigit(left.charAt(0));
        boolean rightNumeric = Character.isDigit(right.charAt(0));
        if (leftNumeric && rightNumeric) {
            return new java.math.BigInteger(left).compareTo(new java.math.BigInteger(right));
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        int result = Integer.compare(rank(left), rank(right));
        return (result != 0) ? result : left.compareTo(right);
    }

    private static int rank(String word) {
        int index = KNOWN_QUALIFIERS.indexOf(word.toLowerCase(Locale.ROOT));
        return (index < 0) ? KNOWN_QUALIFIERS.size() : index / 2;
    }

}
