package dev.assay.examples.tracesdemo;

import java.util.List;

/**
 * The texts the demo draws from: a small help-centre knowledge base for a fictional managed PostgreSQL
 * service ("Harbor DB"), the questions users ask about it with the answers a good assistant gives, and the
 * orders a support agent looks up. Written out rather than generated so traces read like real ones.
 */
final class Corpus {
  record Document(String id, String title, String content) {}

  /** A question, the ids of the documents that answer it, and a grounded answer. */
  record Question(String text, List<String> documentIds, String answer) {}

  /** A support request the agent resolves with the order tool, then the shipment tool. */
  record Order(String orderId, String request, String item, String carrier, String tracking, String status, String eta) {}

  static final List<Document> DOCUMENTS = List.of(
      new Document("kb-101", "Automated backups",
          "Harbor DB takes a full snapshot of every cluster once a day and streams the write-ahead log continuously, "
              + "so any point in the retention window can be restored to the second. Backups are stored in a different "
              + "availability zone from the cluster and are encrypted with the cluster's key."),
      new Document("kb-102", "Backup retention",
          "The default retention window is 7 days on the Starter plan and 30 days on Pro and Enterprise. Retention can "
              + "be raised to 35 days in Settings > Backups; snapshots older than the window are deleted automatically "
              + "and cannot be recovered."),
      new Document("kb-103", "Point-in-time restore",
          "A point-in-time restore always creates a new cluster; the original keeps running. Pick a timestamp in the "
              + "retention window, choose the instance size, and the restore usually completes in 10 to 40 minutes "
              + "depending on the size of the data and the amount of log to replay."),
      new Document("kb-201", "Connection limits",
          "Each instance size has a maximum number of direct connections: 100 on small, 400 on medium and 1,000 on "
              + "large. Applications that open many short-lived connections should use the built-in PgBouncer pooler "
              + "on port 6432, which multiplexes up to 10,000 client connections."),
      new Document("kb-202", "Connection pooling modes",
          "The pooler runs in transaction mode by default. Session-level features such as prepared statements, "
              + "advisory locks and SET commands do not survive between transactions in that mode; switch the pool to "
              + "session mode for clients that rely on them."),
      new Document("kb-301", "Scaling storage",
          "Storage grows automatically in 10 GB steps when a cluster passes 85% of its allocated disk. Growing is "
              + "online and takes no downtime; storage can never be shrunk, so large one-off imports should be done "
              + "into a temporary cluster."),
      new Document("kb-302", "Changing the instance size",
          "Resizing a cluster triggers a failover to a standby of the new size. Expect 20 to 60 seconds of "
              + "unavailability while connections move; clients with retry logic usually see a single failed query."),
      new Document("kb-401", "Read replicas",
          "Pro and Enterprise clusters can have up to five read replicas, in the same or another region. Replication "
              + "is asynchronous and the typical lag is below one second; the console shows the current lag per replica."),
      new Document("kb-402", "Promoting a replica",
          "A replica can be promoted to a standalone cluster from its page. Promotion stops replication for good; it "
              + "is the usual way to move a database to another region with a few seconds of downtime."),
      new Document("kb-501", "Billing and invoices",
          "Usage is billed per hour of instance time plus the storage allocated, and invoices are issued on the first "
              + "day of each month. Backups up to the size of the cluster's storage are included; beyond that they cost "
              + "$0.02 per GB-month."),
      new Document("kb-502", "Deleting a cluster",
          "Deleting a cluster keeps a final snapshot for 7 days unless you opt out in the confirmation dialog. Billing "
              + "stops within the hour; the final snapshot is free during those 7 days."),
      new Document("kb-601", "Extensions",
          "Supported extensions include pgvector, PostGIS, pg_stat_statements, pg_trgm and TimescaleDB. Enable one with "
              + "CREATE EXTENSION as the admin role; extensions that need superuser or load arbitrary code are not available."));

  static final List<Question> QUESTIONS = List.of(
      new Question("How long do you keep my backups?", List.of("kb-102", "kb-101"),
          "Backups are kept for 7 days on the Starter plan and 30 days on Pro and Enterprise. You can raise the "
              + "retention to 35 days under Settings > Backups; anything older than the window is deleted and cannot be recovered."),
      new Question("Can I restore my database to how it was yesterday at 3pm?", List.of("kb-103", "kb-101", "kb-102"),
          "Yes, as long as 3pm yesterday is inside your retention window. A point-in-time restore creates a new cluster "
              + "at that exact second while the original keeps running; it usually takes 10 to 40 minutes."),
      new Question("My app keeps hitting 'too many connections', what should I do?", List.of("kb-201", "kb-202"),
          "Your instance size caps direct connections (100 on small, 400 on medium, 1,000 on large). Point the app at "
              + "the built-in PgBouncer pooler on port 6432, which can multiplex up to 10,000 clients. If you use prepared "
              + "statements or advisory locks, switch the pool to session mode."),
      new Question("Will resizing my cluster cause downtime?", List.of("kb-302", "kb-301"),
          "A resize fails over to a standby of the new size, so expect 20 to 60 seconds of unavailability. Storage "
              + "growth, on the other hand, is online and needs no downtime."),
      new Question("How do I move my database to Frankfurt?", List.of("kb-401", "kb-402"),
          "Create a read replica in Frankfurt, wait for the lag to drop under a second, then promote the replica from "
              + "its page and point your application at it. Downtime is a few seconds."),
      new Question("Why did my storage bill go up after the import?", List.of("kb-301", "kb-501"),
          "Storage grows automatically in 10 GB steps once you pass 85% of the allocation and it can never shrink, so "
              + "the import raised the allocated size you are billed for. For one-off imports use a temporary cluster."),
      new Question("Is pgvector supported?", List.of("kb-601"),
          "Yes. Run CREATE EXTENSION vector as the admin role in the database where you need it."),
      new Question("If I delete a cluster can I get it back?", List.of("kb-502", "kb-102"),
          "For 7 days, yes: deleting a cluster keeps a free final snapshot unless you opted out in the dialog. "
              + "Restore from that snapshot to get the data back in a new cluster."),
      new Question("What is the replication lag on read replicas?", List.of("kb-401"),
          "Replication is asynchronous and the lag is typically under one second; the console shows the current lag of "
              + "each replica."),
      new Question("Do backups cost extra?", List.of("kb-501", "kb-101"),
          "Backups up to the size of your cluster's storage are included. Beyond that they cost $0.02 per GB-month."));

  /** Follow-up turns for multi-turn sessions; each is answered from the same documents as the turn before. */
  static final List<String> FOLLOW_UPS = List.of(
      "Thanks. Does that apply to the Starter plan too?",
      "And how would I do that from the command line?",
      "Got it. Is there anything I should check before starting?",
      "Can you say that in two sentences for my team?");

  static final List<Order> ORDERS = List.of(
      new Order("A-10482", "Where is my order A-10482? It was supposed to arrive on Monday.",
          "Ergonomic keyboard (UK layout)", "DHL", "JD014600006281", "in transit, held at the Leipzig hub", "Thursday"),
      new Order("A-10519", "Has my order A-10519 shipped yet?",
          "27-inch 4K monitor", "UPS", "1Z999AA10123456784", "out for delivery", "today before 6pm"),
      new Order("A-10577", "I ordered a standing desk last week (A-10577), any news?",
          "Standing desk frame, oak top", "DPD", "15502334871001", "label created, awaiting pickup", "next Tuesday"),
      new Order("A-10603", "Order A-10603 says delivered but nothing is here.",
          "Noise-cancelling headphones", "DHL", "JD014600007715", "delivered to a neighbour at no. 14", "delivered"));

  static final List<String> USERS = List.of("u-maria.santos", "u-kenji.ito", "u-amelie.durand", "u-oluwaseun.a", "u-priya.n");

  private Corpus() {}

  static Document document(String id) {
    return DOCUMENTS.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
  }
}
