/**
 * Express vs Fastify under Nest, on the two shapes of request Gatehouse serves most: a plain JSON
 * answer, and a route behind a guard that verifies an API key (HMAC-SHA-256 of a header plus a
 * lookup by hash, as key verification does before any database work).
 *
 * The app runs in this process; autocannon runs in a forked second process so the load generator
 * does not compete with the server for the same event loop.
 *
 *   npm run bench:adapters                         (10 s per run, 50 connections)
 *   BENCH_DURATION_SECONDS=2 npm run bench:adapters
 * Environment: BENCH_DURATION_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (2).
 */
import 'reflect-metadata';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  INestApplication,
  Injectable,
  Module,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type LoadResult, loadFromSecondProcess, serveLoadRequests } from './support/load';

const PEPPER = 'bench-pepper-0123456789abcdef0123456789abcdef';
const KEY = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
const hashKey = (key: string): string => createHmac('sha256', PEPPER).update(key).digest('hex');
// Stands in for the unique index on api_keys.key_hash: a few thousand keys, looked up by hash.
const KEYS_BY_HASH = new Map<string, string>(
  Array.from({ length: 5000 }, (_, i) => [hashKey(`sk_live_other_${i}`), `key-${i}`]),
);
KEYS_BY_HASH.set(hashKey(KEY), 'key-bench');

@Injectable()
class ApiKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    const presented = request.headers['x-api-key'];
    const keyId = presented === undefined ? undefined : KEYS_BY_HASH.get(hashKey(presented));
    if (keyId === undefined) throw new UnauthorizedException();
    return true;
  }
}

@Controller()
class BenchController {
  @Get('ping')
  ping(): { status: string } {
    return { status: 'ok' };
  }

  @Get('verified')
  @UseGuards(ApiKeyGuard)
  verified(): { status: string; verified: boolean } {
    return { status: 'ok', verified: true };
  }
}

@Module({ controllers: [BenchController], providers: [ApiKeyGuard] })
class BenchModule {}

type AdapterName = 'express' | 'fastify';
const ADAPTERS: AdapterName[] = ['express', 'fastify'];
const ROUTES = [
  { name: 'GET /ping (JSON)', path: '/ping', headers: {} as Record<string, string> },
  { name: 'GET /verified (guard: HMAC + lookup)', path: '/verified', headers: { 'x-api-key': KEY } },
];

const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

async function startApp(adapter: AdapterName): Promise<{ app: INestApplication; baseUrl: string }> {
  const httpAdapter = adapter === 'express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(BenchModule, httpAdapter, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}

/** A benchmark of a route that answers wrongly measures nothing; check both answers first. */
async function checkRoutes(baseUrl: string): Promise<void> {
  const ping = await fetch(`${baseUrl}/ping`);
  const verified = await fetch(`${baseUrl}/verified`, { headers: { 'x-api-key': KEY } });
  const refused = await fetch(`${baseUrl}/verified`, { headers: { 'x-api-key': 'sk_live_wrong' } });
  const ok =
    ping.status === 200 &&
    verified.status === 200 &&
    ((await verified.json()) as { verified?: unknown }).verified === true &&
    refused.status === 401;
  if (!ok) throw new Error(`unexpected answers at ${baseUrl}: ${ping.status} ${verified.status} ${refused.status}`);
}

const fixed = (value: number, digits = 0): string => value.toFixed(digits);

async function main(): Promise<void> {
  const duration = envNumber('BENCH_DURATION_SECONDS', 10);
  const warmup = envNumber('BENCH_WARMUP_SECONDS', 2);
  const connections = envNumber('BENCH_CONNECTIONS', 50);
  console.log(
    `Nest adapters, ${connections} connections, ${duration} s per run (after ${warmup} s warm-up), ` +
      `Node ${process.version}, load from a second process`,
  );

  const results = new Map<string, LoadResult>();
  for (const adapter of ADAPTERS) {
    const { app, baseUrl } = await startApp(adapter);
    try {
      await checkRoutes(baseUrl);
      for (const route of ROUTES) {
        const request = { url: `${baseUrl}${route.path}`, method: 'GET' as const, headers: route.headers, connections };
        await loadFromSecondProcess(__filename, { ...request, duration: warmup });
        const result = await loadFromSecondProcess(__filename, { ...request, duration });
        if (result.non2xx > 0 || result.errors > 0) {
          throw new Error(`${adapter} ${route.path}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
        }
        results.set(`${adapter} ${route.path}`, result);
      }
    } finally {
      await app.close();
    }
  }

  console.log('\nadapter  route                                  req/s     p50 ms  p99 ms  requests');
  for (const route of ROUTES) {
    for (const adapter of ADAPTERS) {
      const r = results.get(`${adapter} ${route.path}`)!;
      console.log(
        `${adapter.padEnd(8)} ${route.name.padEnd(38)} ${fixed(r.requestsPerSecond).padStart(7)}  ` +
          `${fixed(r.p50).padStart(6)}  ${fixed(r.p99).padStart(6)}  ${r.requests}`,
      );
    }
  }
  console.log('\nfastify / express');
  for (const route of ROUTES) {
    const express = results.get(`express ${route.path}`)!;
    const fastify = results.get(`fastify ${route.path}`)!;
    console.log(
      `${route.name.padEnd(38)} req/s x${fixed(fastify.requestsPerSecond / express.requestsPerSecond, 2)}  ` +
        `p50 x${fixed(fastify.p50 / Math.max(express.p50, 1e-9), 2)}  p99 x${fixed(fastify.p99 / Math.max(express.p99, 1e-9), 2)}`,
    );
  }
}

if (process.argv[2] === 'load') {
  serveLoadRequests();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
