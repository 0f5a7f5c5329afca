import type { Product } from '../../domain/iam';
import type { Page, PageRequest } from './page';

/** The global product catalogue. */
export abstract class ProductRepository {
  /** Returns undefined when the name is taken. */
  abstract insert(name: string): Promise<Product | undefined>;
  abstract findById(id: string): Promise<Product | undefined>;
  abstract list(page: PageRequest): Promise<Page<Product>>;
}
