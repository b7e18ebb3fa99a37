export { appRouter, type AppRouter } from './routers';
export { formatPath, type TrpcContext } from './init';
