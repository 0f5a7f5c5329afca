import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { Product } from '../../domain/iam';
import type { Page, PageRequest } from '../../application/ports/page';
import { ProductRepository } from '../../application/ports/product.repository';
import { pageClause, positionColumn, toPage, toProduct } from './rows';

@Injectable()
export class SqlProductRepository extends ProductRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async insert(name: string): Promise<Product | undefined> {
    const rows = await this.tx.manager.query(
      `INSERT INTO products (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id, name, created_at`,
      [name],
    );
    return rows.length ? toProduct(rows[0]) : undefined;
  }

  async findById(id: string): Promise<Product | undefined> {
    const rows = await this.tx.manager.query(`SELECT id, name, created_at FROM products WHERE id = $1`, [id]);
    return rows.length ? toProduct(rows[0]) : undefined;
  }

  async list(page: PageRequest): Promise<Page<Product>> {
    const params: unknown[] = [];
    const clause = pageClause('p', page, params);
    const rows = await this.tx.manager.query(`SELECT p.id, p.name, p.created_at, ${positionColumn('p')} FROM products p WHERE true ${clause}`, params);
    return toPage(rows, page, toProduct);
  }
}
