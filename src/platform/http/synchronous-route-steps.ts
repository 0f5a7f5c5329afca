import { ForbiddenException, type CanActivate, type PipeTransform } from '@nestjs/common';
import { FORBIDDEN_MESSAGE } from '@nestjs/core/guards/constants';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { RouterExecutionContext, type ParamProperties } from '@nestjs/core/router/router-execution-context';
import { isObservable, lastValueFrom } from 'rxjs';

type RouteArgs = [unknown, unknown, (...args: unknown[]) => unknown];
type GuardsFn = (args: RouteArgs) => void | Promise<void>;
type PipesFn = (args: unknown[], req: unknown, res: unknown, next: (...args: unknown[]) => unknown) => void | Promise<void>;
type Param = ParamProperties & { metatype?: unknown };

const original = {
  createGuardsFn: RouterExecutionContext.prototype.createGuardsFn,
  createPipesFn: RouterExecutionContext.prototype.createPipesFn,
};
let installed = false;

/**
 * Nest runs every route's guards and parameter decorators as chains of async functions, even when
 * each guard answers a plain boolean and no parameter has a pipe. While an AsyncLocalStorage is
 * active (nestjs-cls, for units of work), Node 20 runs a promise hook for every one of those
 * promises: measured at about 6 us of server CPU per authenticated request (bench/verify.ts).
 *
 * This keeps Nest's semantics and only drops the promises that carry nothing:
 * - guards are asked in order on one ExecutionContextHost; a boolean answer is used at once,
 *   and from the first promise or Observable on, the rest runs as Nest would (awaited in order);
 * - parameters without pipes take their extracted value at once; a value that is a promise is
 *   awaited where Nest awaits it (custom decorators); routes whose parameters have pipes (validated bodies, queries)
 *   keep Nest's own code path unchanged.
 * Installed once per process, before the first application creates its routes.
 */
export function useSynchronousRouteSteps(): void {
  if (installed) return;
  installed = true;
  RouterExecutionContext.prototype.createGuardsFn = function createGuardsFn(guards: CanActivate[], instance, callback, contextType) {
    if (guards.length === 0) return null;
    const guardsFn: GuardsFn = (args) => {
      const context = new ExecutionContextHost(args, instance.constructor as never, callback);
      context.setType(contextType ?? 'http');
      return askFrom(guards, context, 0);
    };
    return guardsFn as (args: unknown[]) => Promise<void>;
  };
  RouterExecutionContext.prototype.createPipesFn = function createPipesFn(pipes: PipeTransform[], paramsOptions: Param[]) {
    const needsPipes = paramsOptions.some((param) => this.isPipeable(param.type) && pipes.length + param.pipes.length > 0);
    if (needsPipes || paramsOptions.length === 0) return original.createPipesFn.call(this, pipes, paramsOptions);
    const pipesFn: PipesFn = (args, req, res, next) => {
      let pending: Promise<void>[] | undefined;
      for (const param of paramsOptions) {
        const value: unknown = param.extractValue(req, res, next);
        if (isThenable(value) && this.isPipeable(param.type)) (pending ??= []).push(Promise.resolve(value).then((settled) => void (args[param.index] = settled)));
        else args[param.index] = value;
      }
      if (pending) return Promise.all(pending).then(() => undefined);
    };
    return pipesFn as unknown as ReturnType<RouterExecutionContext['createPipesFn']>;
  };
}

/** Nest's own steps, for a test that compares both. */
export function restoreNestRouteSteps(): void {
  RouterExecutionContext.prototype.createGuardsFn = original.createGuardsFn;
  RouterExecutionContext.prototype.createPipesFn = original.createPipesFn;
  installed = false;
}

function askFrom(guards: CanActivate[], context: ExecutionContextHost, from: number): void | Promise<void> {
  for (let i = from; i < guards.length; i++) {
    const answer = guards[i].canActivate(context);
    if (answer === true) continue;
    if (answer === false) throw new ForbiddenException(FORBIDDEN_MESSAGE);
    return settle(answer).then((allowed) => {
      if (!allowed) throw new ForbiddenException(FORBIDDEN_MESSAGE);
      return askFrom(guards, context, i + 1);
    });
  }
}

/** As Nest's GuardsConsumer.pickResult: a promise, or an Observable (its last value). */
async function settle(answer: unknown): Promise<boolean> {
  const value: unknown = await answer;
  return Boolean(isObservable(value) ? await lastValueFrom(value) : value);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
