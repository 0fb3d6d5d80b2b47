/** Anything that runs SQL the TypeORM way and answers a SELECT's rows: a DataSource, an EntityManager, a pool. */
export interface Sql {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}
