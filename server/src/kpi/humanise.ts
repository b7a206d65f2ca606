// The KPI layer's formatting lives in core (live rules format their messages with it).
export * from '../core/humanise';
