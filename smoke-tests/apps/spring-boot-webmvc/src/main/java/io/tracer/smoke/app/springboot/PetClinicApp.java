package io.tracer.smoke.app.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web application as most services are: Spring MVC behind one {@code DispatcherServlet} on
 * embedded Tomcat, under the context path {@code /petclinic}, on {@code PORT} (0: any free port) of 127.0.0.1.
 */
@SpringBootApplication
public class PetClinicApp {

  public static void main(String[] args) {
    SpringApplication.run(PetClinicApp.class, args);
  }
}
