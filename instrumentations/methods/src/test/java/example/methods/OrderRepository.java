package example.methods;

public class OrderRepository {

  public String findById(long id) {
    return "order " + id;
  }

  public String findAll() {
    return findById(1) + ", " + findById(2);
  }

  public void save() {}
}
