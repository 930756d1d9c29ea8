package io.tracer.instrumentation.api.redis;

/**
 * A command's arguments as a client library holds them, rendered only when the sanitizer keeps one: masked
 * values are never decoded.
 */
public interface RedisArguments {

  RedisArguments NONE = new RedisArguments() {
    @Override
    public int count() {
      return 0;
    }

    @Override
    public String render(int index, int maxLength) {
      throw new IndexOutOfBoundsException(String.valueOf(index));
    }
  };

  int count();

  /** The argument as text; rendering more than {@code maxLength} characters is wasted, they are cut. */
  String render(int index, int maxLength);
}
