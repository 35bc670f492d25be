package dev.berth.engine.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.engine.errors.EngineException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class Cidr6Test {

    @Test
    void printsAddressesTheWayDockerDoes() {
        assertEquals("fd00:77::1", Cidr6.format(Cidr6.address("fd00:0077:0:0:0:0:0:1")));
        assertEquals("::1", Cidr6.format(Cidr6.address("::1")));
        assertEquals("fd00::", Cidr6.format(Cidr6.address("fd00:0:0:0:0:0:0:0")));
        assertEquals("fd00:0:1::1", Cidr6.format(Cidr6.address("fd00:0:1:0:0:0:0:1")), "the longest zero run goes");
        assertEquals("fd00:1:2:3:4:5:6:7", Cidr6.format(Cidr6.address("fd00:1:2:3:4:5:6:7")));
    }

    @Test
    void subnetsContainOverlapAndRefuseNonsense() {
        Cidr6 net = Cidr6.parse("fd00:77::5/64");
        assertEquals("fd00:77::/64", net.toString());
        assertTrue(net.contains(Cidr6.address("fd00:77::ffff")));
        assertFalse(net.contains(Cidr6.address("fd00:78::1")));
        assertTrue(net.overlaps(Cidr6.parse("fd00::/16")));
        assertFalse(net.overlaps(Cidr6.parse("fd00:78::/64")));
        assertEquals("fd00:77::1", Cidr6.format(net.first()));
        assertThrows(EngineException.class, () -> Cidr6.parse("fd00::/200"));
        assertThrows(EngineException.class, () -> Cidr6.parse("example.org/64"), "never a name lookup");
        Cidr6 random = Cidr6.randomUniqueLocal(new SecureRandom());
        assertTrue(random.toString().startsWith("fd") && random.toString().endsWith("::/64"), random.toString());
    }
}
