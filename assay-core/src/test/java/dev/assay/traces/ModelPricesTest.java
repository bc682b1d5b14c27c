package dev.assay.traces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ModelPricesTest {
  private static final ModelPrices PRICES = ModelPrices.standard();

  @Test
  void exactName() {
    ModelPrices.Price p = PRICES.find("gpt-4o-mini", null).orElseThrow();
    assertEquals("gpt-4o-mini", p.model());
    assertEquals(0.15, p.input());
    assertEquals(0.60, p.output());
  }

  @Test
  void datedAndVersionedSuffixes_andHostPrefixes_fallBackToTheLongestBaseName() {
    assertEquals("gpt-4o", PRICES.find("gpt-4o-2024-08-06", null).orElseThrow().model());
    assertEquals("gpt-4o-mini", PRICES.find("gpt-4o-mini-2024-07-18", null).orElseThrow().model());
    assertEquals("claude-3-5-sonnet", PRICES.find("claude-3-5-sonnet-20241022", null).orElseThrow().model());
    assertEquals("claude-sonnet-4", PRICES.find("claude-sonnet-4-20250514", null).orElseThrow().model());
    assertEquals("claude-3-5-sonnet", PRICES.find("claude-3-5-sonnet-v2@20241022", null).orElseThrow().model());
    assertEquals("claude-3-7-sonnet", PRICES.find("us.anthropic.claude-3-7-sonnet-20250219-v1:0", null).orElseThrow().model());
    assertEquals("gemini-2.5-flash", PRICES.find("models/gemini-2.5-flash", null).orElseThrow().model());
    assertEquals("gpt-4.1-mini", PRICES.find("openai/GPT-4.1-mini-2025-04-14", null).orElseThrow().model());
    assertEquals("mistral-large", PRICES.find("mistral-large-latest", null).orElseThrow().model());
    assertEquals("llama-3.3-70b-instruct-turbo", PRICES.find("meta-llama/Llama-3.3-70B-Instruct-Turbo", null).orElseThrow().model());
  }

  @Test
  void aDotIsNoBoundary_andUnknownModelsHaveNoPrice() {
    assertEquals("gpt-4.1", PRICES.find("gpt-4.1", null).orElseThrow().model());
    assertTrue(PRICES.find("gpt-4.5-preview", null).isEmpty(), "gpt-4.5 is not gpt-4");
    assertTrue(PRICES.find("gpt-4ox", null).isEmpty());
    assertTrue(PRICES.find("acme-llm", "openai").isEmpty());
    assertTrue(PRICES.find(null, null).isEmpty());
    assertNull(PRICES.cost("acme-llm", null, 100L, 10L, Span.TokenDetails.NONE));
  }

  @Test
  void cost_chargesCacheReadsAndWritesAtTheirPrices() {
    // claude-3-5-sonnet: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million
    ModelPrices.Cost c = PRICES.cost("claude-3-5-sonnet-20241022", "anthropic", 1_000_000L, 100_000L,
        new Span.TokenDetails(500_000L, 100_000L, null, null, null));
    assertEquals(0.4 * 3 + 0.5 * 0.30 + 0.1 * 3.75, c.prompt(), 1e-9);
    assertEquals(1.5, c.completion(), 1e-9);
    assertEquals(c.prompt() + c.completion(), c.total(), 1e-9);
  }

  @Test
  void cost_withOnlyPromptTokens_hasNoCompletionPart_andWithoutTokensIsNull() {
    ModelPrices.Cost c = PRICES.cost("text-embedding-3-small", null, 1_000_000L, null, null);
    assertEquals(0.02, c.prompt(), 1e-12);
    assertNull(c.completion());
    assertEquals(0.02, c.total(), 1e-12);
    assertNull(PRICES.cost("gpt-4o", null, null, null, null));
  }

  @Test
  void severalHosts_theSpansProviderPicksTheRow() throws Exception {
    ModelPrices table = ModelPrices.parse(new StringReader("""
        # comment
        model,provider,input,output,cache_read,cache_write
        llama-x,groq,1,2,,
        llama-x,together,3,4,,
        """));
    assertEquals(3, table.find("llama-x", "Together").orElseThrow().input());
    assertEquals(1, table.find("llama-x", "elsewhere").orElseThrow().input());
    assertThrows(IllegalArgumentException.class,
        () -> ModelPrices.parse(new StringReader("model,provider,input,output,cache_read,cache_write\nbad,row\n")));
  }
}
