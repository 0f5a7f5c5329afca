import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform';
import type { Product } from '../../domain/iam';
import { ProductNameTaken } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { CursorPage, pageRequest, toCursorPage } from '../pagination';
import { ProductRepository } from '../ports/product.repository';
import { UnitOfWork } from '../unit-of-work';

/** The product catalogue: system administrators add to it; every signed-in caller may read it. */
@Injectable()
export class ProductsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly products: ProductRepository,
  ) {}

  async create(principal: Principal, name: string): Promise<Product> {
    await this.access.requireSystemAdmin(principal);
    return this.uow.writeAsSystem(async () => {
      const product = await this.products.insert(name);
      if (!product) throw new ProductNameTaken();
      return product;
    });
  }

  /** The catalogue holds no tenant data, so any authenticated caller may list it. */
  async list(limit?: number, cursor?: string): Promise<CursorPage<Product>> {
    const page = pageRequest(limit, cursor);
    return toCursorPage(await this.uow.readAsSystem(() => this.products.list(page)));
  }
}
