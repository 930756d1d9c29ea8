package io.tracer.instrumentation.methods;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NamePatternTest {

  @Test
  void exactNamesMatchOnlyThemselves() {
    NamePattern pattern = new NamePattern("com.example.PaymentService");
    assertTrue(pattern.matches("com.example.PaymentService"));
    assertFalse(pattern.matches("com.example.PaymentServiceImpl"));
    assertFalse(pattern.matches("com.example.Payment"));
  }

  @Test
  void aStarMatchesAnyRunOfCharacters() {
    NamePattern pattern = new NamePattern("com.example.*Repository");
    assertTrue(pattern.matches("com.example.OrderRepository"));
    assertTrue(pattern.matches("com.example.Repository"));
    assertTrue(pattern.matches("com.example.orders.OrderRepository"));
    assertFalse(pattern.matches("com.example.OrderRepositoryImpl"));
    assertFalse(pattern.matches("org.example.OrderRepository"));
  }

  @Test
  void starsMayStandAnywhere() {
    assertTrue(new NamePattern("find*").matches("find"));
    assertTrue(new NamePattern("find*").matches("findById"));
    assertFalse(new NamePattern("find*").matches("refind"));
    assertTrue(new NamePattern("*").matches("anything"));
    assertTrue(new NamePattern("*By*").matches("findByIdAndName"));
    assertFalse(new NamePattern("*By*Name").matches("findByIdAndNames"));
  }
}
