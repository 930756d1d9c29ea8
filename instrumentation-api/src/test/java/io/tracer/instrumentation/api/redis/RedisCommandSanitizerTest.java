package io.tracer.instrumentation.api.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisCommandSanitizerTest {

  private final RedisCommandSanitizer sanitizer = new RedisCommandSanitizer(20, 80);

  /** Arguments that remember which ones were rendered, to prove masked values are never decoded. */
  private static final class Recording implements RedisArguments {
    final String[] values;
    final List<Integer> rendered = new ArrayList<>();

    Recording(String... values) {
      this.values = values;
    }

    @Override
    public int count() {
      return values.length;
    }

    @Override
    public String render(int index, int maxLength) {
      rendered.add(index);
      return values[index];
    }
  }

  private String sanitize(String command, String... arguments) {
    return sanitizer.sanitize(command, new Recording(arguments));
  }

  @Test
  void keepsKeysAndMasksValues() {
    assertEquals("SET user:1 ?", sanitize("SET", "user:1", "s3cret"));
    assertEquals("SET user:1 ? ? ?", sanitize("SET", "user:1", "s3cret", "EX", "60"));
    assertEquals("GET user:1", sanitize("GET", "user:1"));
    assertEquals("MSET a ? b ?", sanitize("MSET", "a", "1", "b", "2"));
    assertEquals("HSET cart:7 item ? qty ?", sanitize("hset", "cart:7", "item", "book", "qty", "2"));
    assertEquals("DEL a b c", sanitize("DEL", "a", "b", "c"));
    assertEquals("LPUSH queue ? ?", sanitize("LPUSH", "queue", "job1", "job2"));
    assertEquals("SMOVE from to ?", sanitize("SMOVE", "from", "to", "member"));
    assertEquals("PING", sanitize("PING"));
  }

  @Test
  void masksCredentialsEntirely() {
    assertEquals("AUTH ?", sanitize("AUTH", "hunter2"));
    assertEquals("AUTH ?", sanitize("AUTH", "admin", "hunter2"));
    assertEquals("HELLO ?", sanitize("HELLO", "3", "AUTH", "admin", "hunter2"));
    assertEquals("CONFIG SET ? ?", sanitize("CONFIG", "SET", "requirepass", "hunter2"));
    Recording auth = new Recording("admin", "hunter2");
    sanitizer.sanitize("AUTH", auth);
    assertTrue(auth.rendered.isEmpty());
  }

  @Test
  void neverRendersMaskedValues() {
    Recording set = new Recording("user:1", "a value that is never decoded");
    sanitizer.sanitize("SET", set);
    assertEquals(List.of(0), set.rendered);
  }

  @Test
  void scriptsKeepTheirKeys() {
    assertEquals("EVAL ? 2 k1 k2 ? ?", sanitize("EVAL", "return 1", "2", "k1", "k2", "a", "b"));
    assertEquals("EVALSHA ? 0 ?", sanitize("EVALSHA", "abc", "0", "a"));
    assertEquals("EVAL ? ? ?", sanitize("EVAL", "return 1", "many", "k1"));
  }

  @Test
  void unknownCommandsKeepOnlyTheFirstArgument() {
    assertEquals("JSON.SET doc:1 ? ?", sanitize("JSON.SET", "doc:1", "$", "{\"secret\":1}"));
  }

  @Test
  void cutsLongArgumentsAndLongTexts() {
    assertEquals("GET " + "k".repeat(20) + "...", sanitize("GET", "k".repeat(50)));
    String text = sanitize("DEL", "key-number-0001", "key-number-0002", "key-number-0003", "key-number-0004",
        "key-number-0005", "key-number-0006");
    assertTrue(text.endsWith("..."), text);
    assertEquals(80 + "...".length(), text.length(), text);
  }

  @Test
  void errorPrefixIsTheUpperCaseFirstWord() {
    assertEquals("WRONGTYPE", RedisClientTracer.redisErrorPrefix("WRONGTYPE Operation against a key"));
    assertEquals("ERR", RedisClientTracer.redisErrorPrefix("ERR unknown command 'NOPE'"));
    assertNull(RedisClientTracer.redisErrorPrefix("Read timed out"));
    assertNull(RedisClientTracer.redisErrorPrefix("ERR"));
  }
}
