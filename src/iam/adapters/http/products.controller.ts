import { Controller, Get, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, CurrentPrincipal, PageQuery, Principal, ValidBody, ValidQuery } from '../../../platform';
import { ProductsUseCase } from '../../application/products/products.use-case';
import { ApiErrors } from './api-docs';
import { CreateProductBody, ProductDto, ProductPageDto } from './dto/product.dto';

@ApiTags('products')
@ApiForPeople()
@Controller('v1/products')
export class ProductsController {
  constructor(private readonly products: ProductsUseCase) {}

  @Post()
  @ApiOperation({ summary: 'Adds a product to the catalogue (system administrators)' })
  @ApiCreatedResponse({ type: ProductDto })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN, HttpStatus.CONFLICT)
  async create(@CurrentPrincipal() principal: Principal, @ValidBody() body: CreateProductBody): Promise<ProductDto> {
    return ProductDto.from(await this.products.create(principal, body.name));
  }

  @Get()
  @ApiOperation({ summary: 'The product catalogue' })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.UNAUTHORIZED)
  async list(@ValidQuery() query: PageQuery): Promise<ProductPageDto> {
    const page = await this.products.list(query.limit, query.cursor);
    return { items: page.items.map(ProductDto.from), next_cursor: page.nextCursor };
  }
}
