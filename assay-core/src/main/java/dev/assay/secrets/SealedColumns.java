package dev.assay.secrets;

import java.util.function.UnaryOperator;

/**
 * Rewrites a column that holds sealed data in every row, for {@link SecretResealer}s. {@code change} gets the
 * stored value and returns the new one, or null to leave the row alone; a row changed by someone else meanwhile
 * is left alone too (another replica re-sealing at the same time). Table and column names are code constants.
 */
public interface SealedColumns {

  /** Rows of {@code table} (keyed by {@code id}) whose binary {@code column} is not null. @return rows changed */
  int rewriteBytes(String table, String column, UnaryOperator<byte[]> change);

  /** Rows of {@code table} (keyed by {@code id}) whose JSON {@code column} is not null. @return rows changed */
  int rewriteJson(String table, String column, UnaryOperator<String> change);
}
