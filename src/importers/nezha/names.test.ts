import { describe, expect, test } from 'vitest';
import { categoryOfFault, isNodeAddress, parseEdgeColumn, serviceOfPod } from './names.js';

describe('serviceOfPod', () => {
  test.each([
    { pod: 'frontend-579b9bff58-t2dbm', service: 'frontend' },
    { pod: 'paymentservice-9cdb6588f-554sm', service: 'paymentservice' },
    { pod: 'recommendationservice-6cfdd55578-gfj6q', service: 'recommendationservice' },
    { pod: 'ts-basic-service-5dc8d4f9fd-46997', service: 'ts-basic-service' },
    { pod: 'ts-ui-dashboard-5477b965f-2chkr', service: 'ts-ui-dashboard' },
    { pod: 'redis-cart-7d4b4b8f9-xk2lp', service: 'redis-cart' },
    { pod: 'redis-0', service: 'redis' },
    { pod: 'frontend', service: 'frontend' },
    { pod: 'ts-admin-basic-info-service', service: 'ts-admin-basic-info-service' },
  ])('$pod → $service', ({ pod, service }) => {
    expect(serviceOfPod(pod)).toBe(service);
  });
});

describe('categoryOfFault', () => {
  test.each([
    { type: 'cpu_contention', category: 'resource_cpu' },
    { type: 'cpu_consumed', category: 'resource_cpu' },
    { type: 'network_delay', category: 'network' },
    { type: 'return', category: 'code_error' },
    { type: 'exception', category: 'code_error' },
    { type: 'memory_leak', category: undefined },
    { type: 'toString', category: undefined },
  ])('$type → $category', ({ type, category }) => {
    expect(categoryOfFault(type)).toBe(category);
  });
});

describe('parseEdgeColumn', () => {
  test.each([
    { column: 'frontend_productcatalogservice', edge: { from: 'frontend', to: 'productcatalogservice' } },
    {
      column: 'ts-ui-dashboard_ts-travel-service',
      edge: { from: 'ts-ui-dashboard', to: 'ts-travel-service' },
    },
    { column: 'frontend', edge: undefined },
    { column: 'a_b_c', edge: undefined },
    { column: '_cartservice', edge: undefined },
  ])('$column', ({ column, edge }) => {
    expect(parseEdgeColumn(column)).toEqual(edge);
  });
});

describe('isNodeAddress', () => {
  test.each([
    { target: '33.33.33.76', node: true },
    { target: 'fe80::1', node: true },
    { target: 'cartservice', node: false },
    { target: 'redis-0', node: false },
  ])('$target', ({ target, node }) => {
    expect(isNodeAddress(target)).toBe(node);
  });
});
