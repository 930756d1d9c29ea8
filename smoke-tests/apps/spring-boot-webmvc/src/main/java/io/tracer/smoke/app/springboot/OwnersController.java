package io.tracer.smoke.app.springboot;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Routes with templates, and a lookup that fails into the controller's own exception handler. */
@RestController
class OwnersController {

  @GetMapping("/owners/{ownerId}")
  String owner(@PathVariable("ownerId") long ownerId) {
    return "owner " + ownerId;
  }

  @GetMapping("/owners/{ownerId}/pets/{petId}")
  String pet(@PathVariable("ownerId") long ownerId, @PathVariable("petId") long petId) {
    return "pet " + petId + " of owner " + ownerId;
  }

  @GetMapping("/owners/{ownerId}/visits")
  String visits(@PathVariable("ownerId") long ownerId) {
    throw new VisitsUnavailableException("visits of owner " + ownerId + " are unavailable");
  }

  @ExceptionHandler(VisitsUnavailableException.class)
  ResponseEntity<String> unavailable(VisitsUnavailableException e) {
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(e.getMessage());
  }

  static final class VisitsUnavailableException extends RuntimeException {
    VisitsUnavailableException(String message) {
      super(message);
    }
  }
}
