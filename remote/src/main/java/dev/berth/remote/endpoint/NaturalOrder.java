package dev.berth.remote.endpoint;

/** "ctx2" before "ctx10": the order {@code docker context ls} shows (fvbommel/sortorder NaturalLess). */
final class NaturalOrder {

    private NaturalOrder() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int startA = i;
                int startB = j;
                while (i < a.length() && isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && isDigit(b.charAt(j))) {
                    j++;
                }
                String numberA = stripLeadingZeros(a.substring(startA, i));
                String numberB = stripLeadingZeros(b.substring(startB, j));
                if (numberA.length() != numberB.length()) {
                    return numberA.length() - numberB.length();
                }
                int byValue = numberA.compareTo(numberB);
                if (byValue != 0) {
                    return byValue;
                }
                int byZeros = (i - startA) - (j - startB);
                if (byZeros != 0) {
                    return byZeros;
                }
            } else {
                if (ca != cb) {
                    return ca - cb;
                }
                i++;
                j++;
            }
        }
        return (a.length() - i) - (b.length() - j);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String stripLeadingZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
