package dev.berth.engine.containers;

import dev.berth.engine.errors.EngineException;
import java.security.SecureRandom;
import java.util.List;
import java.util.regex.Pattern;

/** Docker's container name rules, and names for containers created without one ("adjective_scientist"). */
final class ContainerNames {

    private static final Pattern VALID = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final List<String> LEFT = List.of("admiring", "agitated", "amazing", "awesome", "beautiful",
            "blissful", "bold", "brave", "busy", "charming", "clever", "compassionate", "competent", "confident",
            "cool", "dazzling", "determined", "dreamy", "eager", "ecstatic", "elastic", "elegant", "eloquent", "epic",
            "exciting", "fervent", "festive", "focused", "friendly", "frosty", "funny", "gallant", "gifted", "goofy",
            "gracious", "great", "happy", "hardcore", "heuristic", "hopeful", "hungry", "infallible", "inspiring",
            "intelligent", "interesting", "jolly", "jovial", "keen", "kind", "laughing", "loving", "lucid",
            "magical", "modest", "musing", "naughty", "nervous", "nice", "nifty", "nostalgic", "objective",
            "optimistic", "peaceful", "pensive", "practical", "priceless", "quirky", "quizzical", "relaxed",
            "reverent", "romantic", "serene", "sharp", "silly", "sleepy", "stoic", "strange", "sweet", "tender",
            "thirsty", "trusting", "unruffled", "upbeat", "vibrant", "vigilant", "vigorous", "wizardly",
            "wonderful", "xenodochial", "youthful", "zealous", "zen");

    private static final List<String> RIGHT = List.of("agnesi", "albattani", "allen", "archimedes", "ardinghelli",
            "babbage", "banach", "bardeen", "bartik", "bassi", "bell", "benz", "bhabha", "blackwell", "bohr",
            "booth", "borg", "bose", "boyd", "brahmagupta", "brattain", "brown", "carson", "cerf", "chandrasekhar",
            "chebyshev", "clarke", "colden", "cori", "cray", "curie", "darwin", "davinci", "dijkstra", "dirac",
            "einstein", "elion", "engelbart", "euclid", "euler", "faraday", "fermat", "fermi", "feynman", "franklin",
            "galileo", "gauss", "goldberg", "goodall", "hamilton", "hawking", "heisenberg", "hermann", "hodgkin",
            "hoover", "hopper", "hypatia", "jackson", "jennings", "johnson", "kalam", "kepler", "khorana", "knuth",
            "kowalevski", "lalande", "lamarr", "leakey", "leavitt", "lovelace", "lumiere", "mayer", "mccarthy",
            "mcclintock", "meitner", "mendel", "merkle", "mirzakhani", "morse", "napier", "nash", "newton",
            "nobel", "noether", "pascal", "pasteur", "perlman", "pike", "poincare", "ptolemy", "raman", "ritchie",
            "rosalind", "sammet", "shannon", "shockley", "sinoussi", "stonebraker", "swanson", "tesla", "thompson",
            "torvalds", "turing", "varahamihira", "wescoff", "wilbur", "wiles", "williams", "wilson", "wing",
            "wozniak", "wright", "yalow", "yonath");

    private ContainerNames() {
    }

    /** The name with its leading slash; 400 with Docker's message when it breaks the rules. */
    static String normalize(String name) {
        if (!VALID.matcher(name).matches()) {
            throw EngineException.badRequest("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-]"
                    + " are allowed");
        }
        return name.startsWith("/") ? name : "/" + name;
    }

    /** A random "adjective_scientist" name; after a few collisions a digit is appended, as Docker does. */
    static String generate(int attempt) {
        String name = LEFT.get(RANDOM.nextInt(LEFT.size())) + "_" + RIGHT.get(RANDOM.nextInt(RIGHT.size()));
        return "/" + (attempt > 0 ? name + RANDOM.nextInt(10) : name);
    }
}
